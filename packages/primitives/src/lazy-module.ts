/**
 * Modules loaded on first use, synchronously.
 *
 * Some dependencies cost far more to evaluate than the code that needs them
 * is used: @noble/curves' curves (~40 ms of a cold import of @zvm/chain-evm)
 * and @noble/post-quantum (~200 ms) serve precompiles and opcodes most
 * programs never reach. Execution is synchronous, so a static `import` cannot
 * be deferred; on Node (≥ 20.16) the module is required on first use, and
 * require of an ES module gives the instance `import` gives. Runtimes without
 * `process.getBuiltinModule` call `preload()` (an ordinary `import()`) before
 * running such code. No Node built-in is imported statically, so the entries
 * stay loadable where there is none.
 */
import { ZvmError } from './errors.ts'

export interface LazyModule<T> {
  /** The module, loaded now if it was not. Throws ZvmError `MODULE_NOT_PRELOADED` where it cannot load synchronously. */
  get(): T
  /** Loads the module with `import()`; afterwards `get()` needs no synchronous loading. */
  preload(): Promise<T>
}

interface NodeModuleBuiltin { createRequire(path: string): (id: string) => unknown }
interface ProcessWithBuiltins { getBuiltinModule?(id: string): unknown }

/**
 * `specifier` resolved from `baseUrl` (the importing module's `import.meta.url`, so that it resolves from
 * the package that depends on it); `load` is the same module as a dynamic import, for `preload()`.
 */
export function lazyModule<T>(baseUrl: string, specifier: string, load: () => Promise<T>): LazyModule<T> {
  let module: T | undefined
  return {
    get() {
      if (module !== undefined) return module
      const nodeModule = (globalThis as { process?: ProcessWithBuiltins }).process?.getBuiltinModule?.('node:module') as NodeModuleBuiltin | undefined
      if (nodeModule === undefined) {
        throw new ZvmError('MODULE_NOT_PRELOADED', `${specifier} is loaded on first use, which needs Node.js here: await its preload() first`)
      }
      module = nodeModule.createRequire(baseUrl)(specifier) as T
      return module
    },
    async preload() {
      module ??= await load()
      return module
    },
  }
}
