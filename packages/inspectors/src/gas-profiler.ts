/**
 * Gas profiler: instructions run and gas spent per opcode, over every frame
 * of the messages it watched. A CALL and CREATE instructions counts its own cost only (the
 * gas handed to the new frame is counted where that frame spends it). Gas
 * spent outside instructions has entries of its own: `PRECOMPILE`, `CODE
 * DEPOSIT` and `(burned by error)` (what an exceptional halt consumes). So the
 * entries add up to the gas the messages used before refunds.
 */
import type { Inspector } from '@zvm/core'
import { isSuccess } from '@zvm/core'

/** What one opcode cost over the profiled run. */
export interface OpcodeProfile {
  count: number
  gas: number
}

/** A gas profiler: run messages with `inspector`, then read `report()`. */
export interface GasProfiler {
  readonly inspector: Inspector
  /** Per mnemonic, sorted by gas spent (highest first). */
  report(): Array<{ opcode: string } & OpcodeProfile>
  /** Gas over all entries. */
  totalGas(): number
  reset(): void
}

interface OpenFrame {
  /** Whether the frame ran an instruction (a precompile or an account without code does not). */
  ran: boolean
  /** Gas left after its last instruction. */
  gasLeft: number
}

/**
 * Counts instructions and gas per opcode.
 *
 * @example
 * ```ts
 * import { createGasProfiler } from '@zvm/inspectors'
 * const profiler = createGasProfiler()
 * new Vm({ table, inspector: profiler.inspector }).run({ code })
 * console.table(profiler.report())
 * ```
 */
export function createGasProfiler(): GasProfiler {
  const byName = new Map<string, OpcodeProfile>()
  const open: OpenFrame[] = []
  const add = (name: string, gas: number, count = 1): void => {
    const entry = byName.get(name)
    if (entry === undefined) byName.set(name, { count, gas })
    else {
      entry.count += count
      entry.gas += gas
    }
  }
  const enter = (): void => { open.push({ ran: false, gasLeft: 0 }) }
  const leave = (gasLimit: number, gasLeft: number, succeeded: boolean, isCreate: boolean): void => {
    const frame = open.pop()
    if (frame === undefined) return
    if (!frame.ran) {
      if (gasLimit > gasLeft) add(isCreate ? '(burned by error)' : 'PRECOMPILE', gasLimit - gasLeft)
    } else if (frame.gasLeft > gasLeft) {
      add(succeeded && isCreate ? 'CODE DEPOSIT' : '(burned by error)', frame.gasLeft - gasLeft)
    }
  }
  const inspector: Inspector = {
    step() {
      const top = open[open.length - 1]
      if (top !== undefined) top.ran = true
    },
    stepEnd(f, _pc, op, gasCost) {
      // A suspending instruction's gasCost includes the new frame's gas limit, which that frame accounts for.
      const handedOn = f.action === null ? 0 : f.action.gasLimit
      add(f.ctx.table.names[op], gasCost - handedOn)
      const top = open[open.length - 1]
      if (top !== undefined) top.gasLeft = f.gasLeft + handedOn
    },
    call: enter,
    create: enter,
    callEnd(a, r) { leave(a.gasLimit, r.gasLeft, isSuccess(r.halt), false) },
    createEnd(a, r) { leave(a.gasLimit, r.gasLeft, isSuccess(r.halt), true) },
  }
  return {
    inspector,
    report: () => [...byName].map(([opcode, p]) => ({ opcode, ...p })).sort((x, y) => y.gas - x.gas || x.opcode.localeCompare(y.opcode)),
    totalGas: () => { let t = 0; for (const p of byName.values()) t += p.gas; return t },
    reset: () => { byName.clear(); open.length = 0 },
  }
}
