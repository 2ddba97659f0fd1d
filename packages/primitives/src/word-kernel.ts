/**
 * The 256-bit arithmetic kernel: MUL, DIV/MOD, MULMOD and ADDMOD on 32-bit
 * limbs in WebAssembly, where 32×32→64-bit products are one instruction
 * (measured on Node 20: MULMOD 117 ns vs 520 ns through bigint, MUL 53 vs
 * 190 ns, DIV 68 ns). Source: assembly/word-kernel.ts; the module is
 * embedded, instantiated synchronously on first use, and never grows its
 * memory, so the limb view stays valid. Where WebAssembly is unavailable the
 * word functions keep their bigint paths; results are identical.
 */
import { base64ToBytes } from './base64.ts'
import { WORD_KERNEL_WASM } from './word-kernel.wasm.ts'

/** The kernel's exports and a view of its operand buffer. */
export interface WordKernel {
  /** Limbs: A at `base`, B at `base + 8`, N at `base + 16`, OUT at `base + 24`. */
  readonly limbs: Uint32Array
  readonly base: number
  mul(): void
  /** OUT = A / B (1) or A mod B (0); B must not be zero. */
  divmod(quotient: number): void
  /** OUT = A × B mod N; N must not be zero. */
  mulmod(): void
  /** OUT = (A + B) mod N; N must not be zero. */
  addmod(): void
}

interface KernelExports {
  memory: { readonly buffer: ArrayBuffer }
  base(): number
  mul(): void
  divmod(quotient: number): void
  mulmod(): void
  addmod(): void
}

// The JavaScript engine's WebAssembly, typed locally (this package compiles against ES2022 only).
interface Engine {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { readonly exports: unknown }
}

function instantiate(): WordKernel | undefined {
  const engine = (globalThis as { WebAssembly?: Engine }).WebAssembly
  if (engine === undefined) return undefined
  try {
    const bytes = base64ToBytes(WORD_KERNEL_WASM)
    const e = new engine.Instance(new engine.Module(bytes), {}).exports as KernelExports
    return { limbs: new Uint32Array(e.memory.buffer), base: e.base() >>> 2, mul: e.mul, divmod: e.divmod, mulmod: e.mulmod, addmod: e.addmod }
  } catch {
    // Compilation disallowed (a CSP without wasm-unsafe-eval, say): stay on bigint.
    return undefined
  }
}

let kernel: WordKernel | undefined | null = null

/** The kernel, or undefined where WebAssembly cannot be used. */
export function wordKernel(): WordKernel | undefined {
  if (kernel === null) kernel = instantiate()
  return kernel
}

/** Turns the kernel off (false) or back on (true): for tests of the bigint paths. */
export function useWordKernel(enabled: boolean): void {
  kernel = enabled ? instantiate() : undefined
}
