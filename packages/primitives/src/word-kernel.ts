/**
 * The 256-bit arithmetic kernel: MUL, DIV/MOD, MULMOD and ADDMOD on 32-bit
 * limbs in WebAssembly, where 32×32→64-bit products are one instruction
 * (measured on Node 20: MULMOD 117 ns vs 520 ns through bigint, MUL 53 vs
 * 190 ns, DIV 68 ns). Source: assembly/word-kernel.ts; the module is
 * embedded, compiled in the background when the package loads
 * (wasm-kernel.ts), and never grows its memory, so the limb view stays
 * valid. Where WebAssembly is unavailable the word functions keep their
 * bigint paths; results are identical.
 */
import { kernelLoader } from './wasm-kernel.ts'
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

function bind(exports: unknown): WordKernel {
  const e = exports as KernelExports
  return { limbs: new Uint32Array(e.memory.buffer), base: e.base() >>> 2, mul: e.mul, divmod: e.divmod, mulmod: e.mulmod, addmod: e.addmod }
}

/** Each operation on full-width operands, enough times for V8 to tier it up (see wasm-kernel.ts). */
function warm(k: WordKernel): void {
  k.limbs.fill(0xffffffff, k.base, k.base + 24)
  for (let i = 0; i < 64; i++) { k.mul(); k.divmod(i & 1); k.mulmod(); k.addmod() }
}

const loader = kernelLoader(WORD_KERNEL_WASM, bind, warm)

/** The kernel, or undefined where WebAssembly cannot be used. */
export function wordKernel(): WordKernel | undefined {
  return loader.get()
}

/** Turns the kernel off (false) or back on (true): for tests of the bigint paths. */
export function useWordKernel(enabled: boolean): void {
  loader.use(enabled)
}
