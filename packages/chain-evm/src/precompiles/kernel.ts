/**
 * The precompile kernel: BLAKE2F's F (EIP-152) and MODEXP for moduli below
 * 2^64 on native 64-bit integers in WebAssembly, where JavaScript has only
 * 32-bit integer arithmetic and slow bigints. Measured on Node 20 after
 * warm-up: F 15 ns a round against 135–220 ns on 32-bit halves (67 against
 * ~7 Mgas/s); MODEXP with a 1 MB exponent 68 Mgas/s for moduli below 2^32
 * and 36 Mgas/s up to 2^64, against 5 Mgas/s on bigint. Source:
 * assembly/precompile-kernel.ts; the module is embedded, instantiated
 * synchronously on first use, and never grows its memory, so the byte view
 * stays valid. Where WebAssembly is unavailable the precompiles keep their
 * TypeScript paths; results are identical.
 */
import { PRECOMPILE_KERNEL_WASM } from './kernel.wasm.ts'

/** The kernel's exports and a view of its buffer. */
export interface PrecompileKernel {
  /** Memory; the kernel's buffer starts at `base` (see the layout in assembly/precompile-kernel.ts). */
  readonly bytes: Uint8Array
  readonly base: number
  /** BLAKE2F: h (64 bytes) at `base`, m (128) at `base + 64`, t (16) at `base + 192`; h is updated in place. */
  blake2f(rounds: number, final: boolean): void
  /** MODEXP: starts with the u64 (little-endian) modulus at `base + 256` and base (< modulus) at `base + 264`. */
  powStart(): void
  /** Runs over the next `length` (≤ `powChunkSize`) exponent bytes at `base + 512`. */
  powChunk(length: number): void
  /** Writes the result (u64, little-endian) to `base + 272`. */
  powFinish(): void
  readonly powChunkSize: number
}

interface KernelExports {
  memory: { readonly buffer: ArrayBuffer }
  base(): number
  blake2f(rounds: number, final: boolean): void
  powStart(): void
  powChunk(length: number): void
  powFinish(): void
  powChunkSize(): number
}

// The JavaScript engine's WebAssembly, typed locally (this package compiles against ES2022 only).
interface Engine {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { readonly exports: unknown }
}

function instantiate(): PrecompileKernel | undefined {
  const engine = (globalThis as { WebAssembly?: Engine }).WebAssembly
  if (engine === undefined) return undefined
  try {
    const wasm = Uint8Array.from(atob(PRECOMPILE_KERNEL_WASM), (c) => c.charCodeAt(0))
    const e = new engine.Instance(new engine.Module(wasm), {}).exports as KernelExports
    return {
      bytes: new Uint8Array(e.memory.buffer), base: e.base(), powChunkSize: e.powChunkSize(),
      blake2f: e.blake2f, powStart: e.powStart, powChunk: e.powChunk, powFinish: e.powFinish,
    }
  } catch {
    // Compilation disallowed (a CSP without wasm-unsafe-eval, say): stay on TypeScript.
    return undefined
  }
}

let kernel: PrecompileKernel | undefined | null = null

/**
 * The kernel, or undefined where WebAssembly cannot be used.
 *
 * @example
 * ```ts
 * import { precompileKernel } from './kernel.ts'
 * precompileKernel()?.powChunkSize // 32768 where WebAssembly runs
 * ```
 */
export function precompileKernel(): PrecompileKernel | undefined {
  if (kernel === null) kernel = instantiate()
  return kernel
}

/**
 * Turns the kernel off (false) or back on (true): for tests of the TypeScript paths.
 *
 * @example
 * ```ts
 * import { usePrecompileKernel } from './kernel.ts'
 * usePrecompileKernel(false) // BLAKE2F and MODEXP now run in TypeScript
 * ```
 */
export function usePrecompileKernel(enabled: boolean): void {
  kernel = enabled ? instantiate() : undefined
}
