/**
 * Keccak-256 (Ethereum's pre-standard Keccak: rate 136 bytes, padding 0x01 …
 * 0x80) on a WebAssembly Keccak-f[1600] kernel: 64-bit lanes, rounds unrolled
 * over locals, fast from its first call (a JavaScript Keccak-f runs in V8's
 * interpreter until it is optimised: measured, 20 ms for the first 2.3 KB of
 * code hashed in a fresh process). Source: assembly/keccak-kernel.ts; the
 * module is embedded, compiled in the background when the package loads
 * (wasm-kernel.ts), and never grows its memory. Where WebAssembly is
 * unavailable `keccakKernel()` returns undefined and callers use
 * @noble/hashes; results are identical (property tests in @zvm/state and
 * @zvm/core compare them).
 */
import { kernelLoader } from './wasm-kernel.ts'
import { KECCAK_KERNEL_WASM } from './keccak-kernel.wasm.ts'

/** The kernel's memory and exports. */
export interface KeccakKernel {
  /** The kernel's memory. */
  readonly bytes: Uint8Array
  /** Byte offset of the 200-byte state; after a hash, its first 32 bytes are the digest. */
  readonly state: number
  /** The state as 50 little-endian u32 halves of its lanes (valid on little-endian hosts). */
  readonly state32: Uint32Array
  /** Byte offset of the input buffer. */
  readonly input: number
  /** Bytes the input buffer holds (a multiple of the 136-byte rate). */
  readonly inputBytes: number
  /** keccak256 of the first `length` (≤ inputBytes) bytes of the input buffer. */
  hash(length: number): void
  /** Zeroes the state. */
  reset(): void
  /** Absorbs `blocks` full 136-byte blocks from the input buffer. */
  absorb(blocks: number): void
  /** Absorbs the last `length` (< 136) bytes at input + `offset`, padded. */
  finish(offset: number, length: number): void
}

interface Exports {
  memory: { readonly buffer: ArrayBuffer }
  state(): number
  input(): number
  inputBytes(): number
  hash(length: number): void
  reset(): void
  absorb(blocks: number): void
  finish(offset: number, length: number): void
}

const RATE = 136

function bind(exports: unknown): KeccakKernel {
  const e = exports as Exports
  const state = e.state()
  return {
    bytes: new Uint8Array(e.memory.buffer), state, state32: new Uint32Array(e.memory.buffer, state, 50), input: e.input(), inputBytes: e.inputBytes(),
    hash: e.hash, reset: e.reset, absorb: e.absorb, finish: e.finish,
  }
}

/** About 30 permutations: enough for V8 to tier the permutation up (see wasm-kernel.ts). */
function warm(k: KeccakKernel): void {
  const blocks = Math.floor(k.inputBytes / RATE)
  for (let done = 0; done < 30; done += blocks) k.absorb(blocks)
  k.reset()
}

const loader = kernelLoader(KECCAK_KERNEL_WASM, bind, warm)

/**
 * The kernel, or undefined where WebAssembly cannot be used.
 *
 * @example
 * ```ts
 * import { keccakKernel, keccak256Kernel } from '@zvm/primitives'
 * const k = keccakKernel()
 * if (k) keccak256Kernel(k, new Uint8Array(0), 0, 0) // k.bytes[k.state] === 0xc5
 * ```
 */
export function keccakKernel(): KeccakKernel | undefined {
  return loader.get()
}

/** Turns the kernel off (false) or back on (true): for tests of the JavaScript paths. */
export function useKeccakKernel(enabled: boolean): void {
  loader.use(enabled)
}

/**
 * keccak256(`src[offset, offset + length)`) on kernel `k`; the digest is left
 * in `k.bytes[k.state, k.state + 32)`. Inputs longer than the kernel's buffer
 * are absorbed in chunks.
 *
 * @example
 * ```ts
 * import { keccakKernel, keccak256Kernel } from '@zvm/primitives'
 * const k = keccakKernel()!
 * keccak256Kernel(k, new TextEncoder().encode('abc'), 0, 3)
 * k.bytes.slice(k.state, k.state + 32) // 0x4e03657a…
 * ```
 */
export function keccak256Kernel(k: KeccakKernel, src: Uint8Array, offset: number, length: number): void {
  const bytes = k.bytes
  if (length <= k.inputBytes) {
    bytes.set(length === src.length && offset === 0 ? src : src.subarray(offset, offset + length), k.input)
    k.hash(length)
    return
  }
  k.reset()
  let at = offset
  let left = length
  while (left >= RATE) {
    const chunk = Math.min(k.inputBytes, left - (left % RATE))
    bytes.set(src.subarray(at, at + chunk), k.input)
    k.absorb(chunk / RATE)
    at += chunk
    left -= chunk
  }
  bytes.set(src.subarray(at, at + left), k.input)
  k.finish(0, left)
}
