/**
 * What loading a contract costs, by Soroban's per-section cost inputs
 * (ContractCodeCostInputs): a module's parse once per invocation, its
 * instantiation on every contract frame. Without these a module declaring a
 * large table or many segments was instantiated again and again for the price
 * of its byte length.
 */
import type { Budget } from '../budget.ts'
import { CostType } from '../cost/types.ts'
import type { ModuleCostInputs } from '../wasm/module.ts'

/** Parsing, as the host's module cache charges it (ParseWasm* cost types). */
export function chargeParse(budget: Budget, k: ModuleCostInputs): void {
  budget.cost(CostType.ParseWasmInstructions, k.instructions)
  budget.cost(CostType.ParseWasmFunctions, k.functions)
  budget.cost(CostType.ParseWasmGlobals, k.globals)
  budget.cost(CostType.ParseWasmTableEntries, k.tableEntries)
  budget.cost(CostType.ParseWasmTypes, k.types)
  budget.cost(CostType.ParseWasmDataSegments, k.dataSegments)
  budget.cost(CostType.ParseWasmElemSegments, k.elemSegments)
  budget.cost(CostType.ParseWasmImports, k.imports)
  budget.cost(CostType.ParseWasmExports, k.exports)
  budget.cost(CostType.ParseWasmDataSegmentBytes, k.dataSegmentBytes)
}

/**
 * One instantiation of a parsed module, by its refined cost inputs
 * (InstantiateWasm* cost types; VmCachedInstantiation is only for code
 * entries without refined inputs, which this host never stores).
 */
export function chargeInstantiation(budget: Budget, k: ModuleCostInputs): void {
  budget.cost(CostType.InstantiateWasmInstructions, k.instructions)
  budget.cost(CostType.InstantiateWasmFunctions, k.functions)
  budget.cost(CostType.InstantiateWasmGlobals, k.globals)
  budget.cost(CostType.InstantiateWasmTableEntries, k.tableEntries)
  budget.cost(CostType.InstantiateWasmDataSegments, k.dataSegments)
  budget.cost(CostType.InstantiateWasmElemSegments, k.elemSegments)
  budget.cost(CostType.InstantiateWasmImports, k.imports)
  budget.cost(CostType.InstantiateWasmExports, k.exports)
  budget.cost(CostType.InstantiateWasmDataSegmentBytes, k.dataSegmentBytes)
}
