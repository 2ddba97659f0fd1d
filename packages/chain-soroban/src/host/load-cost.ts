/**
 * What loading a contract costs, by Soroban's per-section cost inputs
 * (ContractCodeCostInputs): a module's parse once per invocation, its
 * instantiation on every contract frame. Without these a module declaring a
 * large table or many segments was instantiated again and again for the price
 * of its byte length.
 */
import { WasmCost, type Budget } from '../budget.ts'
import type { ModuleCostInputs } from '../wasm/module.ts'

/** Parsing, as the host's module cache charges it (ParseWasm* cost types). */
export function chargeParse(budget: Budget, k: ModuleCostInputs): void {
  budget.charge(WasmCost.ParseWasmInstructions, k.instructions)
  budget.charge(WasmCost.ParseWasmFunctions, k.functions)
  budget.charge(WasmCost.ParseWasmGlobals, k.globals)
  budget.charge(WasmCost.ParseWasmTableEntries, k.tableEntries)
  budget.charge(WasmCost.ParseWasmTypes, k.types)
  budget.charge(WasmCost.ParseWasmDataSegments, k.dataSegments)
  budget.charge(WasmCost.ParseWasmElemSegments, k.elemSegments)
  budget.charge(WasmCost.ParseWasmImports, k.imports)
  budget.charge(WasmCost.ParseWasmExports, k.exports)
  budget.charge(WasmCost.ParseWasmDataSegmentBytes, k.dataSegmentBytes)
}

/** One instantiation of a cached module (VmCachedInstantiation and InstantiateWasm* cost types). */
export function chargeInstantiation(budget: Budget, k: ModuleCostInputs, wasmBytes: number): void {
  budget.charge(WasmCost.VmCachedInstantiation, wasmBytes)
  budget.charge(WasmCost.InstantiateWasmInstructions, k.instructions)
  budget.charge(WasmCost.InstantiateWasmFunctions, k.functions)
  budget.charge(WasmCost.InstantiateWasmGlobals, k.globals)
  budget.charge(WasmCost.InstantiateWasmTableEntries, k.tableEntries)
  budget.charge(WasmCost.InstantiateWasmDataSegments, k.dataSegments)
  budget.charge(WasmCost.InstantiateWasmElemSegments, k.elemSegments)
  budget.charge(WasmCost.InstantiateWasmImports, k.imports)
  budget.charge(WasmCost.InstantiateWasmExports, k.exports)
  budget.charge(WasmCost.InstantiateWasmDataSegmentBytes, k.dataSegmentBytes)
}
