/**
 * Loading of the embedded WebAssembly kernels (Keccak-f, 256-bit words).
 *
 * Compilation starts off the main thread as soon as the package loads
 * (`WebAssembly.compile`), and once it is done the kernel is instantiated and
 * run briefly, so that V8 tiers its hot functions up to optimised code in the
 * background while the embedder is still loading or setting up. Measured in a
 * fresh Node 20 process: a synchronous compile costs 1–1.5 ms on first use,
 * and a call that lands while V8 is still tiering the Keccak permutation up
 * stalled for 1–27 ms; warmed this way the first hashes run optimised code.
 * A kernel needed before the background compile finishes is compiled
 * synchronously, as before. Results never depend on which path ran.
 */
import { base64ToBytes } from './base64.ts'

// The JavaScript engine's WebAssembly, typed locally (this package compiles against ES2022 only).
interface Engine {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { readonly exports: unknown }
  compile?: (bytes: Uint8Array) => Promise<object>
}

/** Gets a kernel, or undefined where WebAssembly cannot be used; `use(false)` turns it off (tests of the JavaScript paths). */
export interface KernelLoader<K> {
  get(): K | undefined
  use(enabled: boolean): void
}

/**
 * A loader for the module in `wasmBase64`: `bind` wraps an instance's
 * exports, `warm` exercises a background-compiled kernel once (it must leave
 * the kernel in a state any caller accepts).
 */
export function kernelLoader<K>(wasmBase64: string, bind: (exports: unknown) => K, warm: (kernel: K) => void): KernelLoader<K> {
  const engine = (globalThis as { WebAssembly?: Engine }).WebAssembly
  let kernel: K | undefined | null = null
  let compiled: object | undefined

  const instantiate = (): K | undefined => {
    if (engine === undefined) return undefined
    try {
      return bind(new engine.Instance(compiled ?? new engine.Module(base64ToBytes(wasmBase64)), {}).exports)
    } catch {
      // Compilation disallowed (a CSP without wasm-unsafe-eval, say): callers use their JavaScript paths.
      return undefined
    }
  }

  if (engine?.compile !== undefined) {
    try {
      engine.compile(base64ToBytes(wasmBase64)).then((module) => {
        compiled = module
        if (kernel !== null) return // already needed (and compiled synchronously), or switched off
        kernel = instantiate()
        if (kernel !== undefined) warm(kernel)
      }, () => { /* the synchronous path reports nothing either: callers fall back */ })
    } catch {
      // A throwing compile (no WebAssembly support after all): first use decides.
    }
  }

  return {
    get: () => (kernel === null ? (kernel = instantiate()) : kernel),
    use: (enabled) => { kernel = enabled ? instantiate() : undefined },
  }
}
