/** One contract call on the host's stack: its instance, memory, fuel and handle map. */
import type { WasmGlobal, WasmMemory } from '../wasm/engine.ts'
export interface Frame {
  readonly contract: string
  readonly fn: string
  /** Absolute Vals of the arguments (for auth). */
  readonly args: readonly bigint[]
  /** Called by the host itself (an account's `__check_auth`), not by the contract below it. */
  readonly byHost: boolean
  /** Relative handle → absolute handle. */
  readonly rel: number[]
  readonly relOf: Map<number, number>
  memory: WasmMemory | undefined
  fuel: WasmGlobal | undefined
  depth: WasmGlobal | undefined
  /** Stack units (see wasm/stack.ts), shared by the invocation: the host seeds it on entry and reads it at host calls. */
  stack: WasmGlobal | undefined
  /** Set by the instance when the memory budget refused a `memory.grow`. */
  growFailed?: WasmGlobal | undefined
  /** Fuel value last written into the instance; the difference is CPU spent. */
  fuelSet: number
  /** Linear-memory bytes already charged to the memory budget. */
  memCharged: number
  /** Memory budget those charges took (MemAlloc's own constant included): given back when the frame ends. */
  memRefund: number
}

export function newFrame(contract: string, fn: string, args: readonly bigint[], byHost = false): Frame {
  return { contract, fn, args, byHost, rel: [], relOf: new Map(), memory: undefined, fuel: undefined, depth: undefined, stack: undefined, fuelSet: 0, memCharged: 0, memRefund: 0 }
}
