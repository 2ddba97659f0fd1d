/**
 * Soroban's wasm fuel schedule (soroban-wasmi 0.31 with the host's FuelCosts,
 * see shared/spec/soroban-cost-params.json `wasmFuel`): every instruction adds
 * its amount to the up-front charge of the fuel frame it sits in. A function
 * body, each `loop` body, each `if` branch and each `else` branch is a fuel
 * frame that charges once on entry (plus 1 for the charge instruction itself);
 * a `block` charges to its enclosing frame, and so do the instructions after
 * an `end`. Unreachable code (after br, br_table, return, unreachable) is not
 * charged. The host turns fuel into CPU at WasmInsnExec's rate.
 */
export const FUEL = { base: 1, entity: 3, load: 2, store: 1, call: 67, funcLocalsPerFuel: 8 } as const

/** Fuel one instruction adds to its frame's charge (control instructions that emit nothing add 0). */
export function instructionFuel(op: number): number {
  if (op >= 0x28 && op <= 0x35) return FUEL.load
  if (op >= 0x36 && op <= 0x3e) return FUEL.store
  if (op === 0x10 || op === 0x11 || op === 0x12 || op === 0x13) return FUEL.call
  if (op === 0x23 || op === 0x24 || op === 0x3f || op === 0x40 || op === 0xfc) return FUEL.entity
  if (op === 0x01 || op === 0x02 || op === 0x03 || op === 0x0b) return 0 // nop, block, loop, end
  return FUEL.base
}
