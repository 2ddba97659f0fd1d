/** A contract module validated, instrumented and compiled once per wasm hash. */
import type { HostFunctionSpec } from '../env/types.ts'
import type { WasmModule } from '../wasm/engine.ts'
import type { ModuleCostInputs } from '../wasm/module.ts'

export interface CompiledContract {
  readonly module: WasmModule
  readonly imports: readonly { module: string, name: string, spec: HostFunctionSpec }[]
  /** Exported functions and their parameter counts. */
  readonly exports: ReadonlyMap<string, { params: number }>
  readonly size: number
  /** The contractenvmetav0 interface protocol. */
  readonly protocol: number
  /** Section counts the load costs are charged by. */
  readonly costInputs: ModuleCostInputs
}
