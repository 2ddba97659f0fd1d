/**
 * EIP-3155 step tracer: one JSON object per instruction with pc, op, gas,
 * gasCost, memSize, stack, depth (1-based), returnData, refund and opName.
 * gasCost is what the instruction really took (static and dynamic cost, and
 * for CALL and CREATE instructions the gas handed to the new frame), so lines are written
 * when the instruction has run.
 */
import type { Frame, Inspector } from '@zvm/core'
import { bytesToHex, word } from '@zvm/primitives'

/** One EIP-3155 line. */
export interface Eip3155Step {
  pc: number
  op: number
  gas: string
  gasCost: string
  memSize: number
  stack: string[]
  depth: number
  returnData: string
  refund: number
  opName: string
}

const hex = (n: number | bigint): string => `0x${n.toString(16)}`

/**
 * An inspector that hands each step to `write` as a JSON line.
 *
 * @example
 * ```ts
 * import { Vm } from '@zvm/core'
 * import { createEip3155Tracer } from '@zvm/inspectors'
 * const lines: string[] = []
 * new Vm({ table, inspector: createEip3155Tracer((l) => lines.push(l)) }).run({ code })
 * ```
 */
export function createEip3155Tracer(write: (line: string) => void): Inspector {
  // The line of the instruction in progress, per frame: a CALL's line is written before its callee's.
  const open = new Map<Frame, Eip3155Step>()
  return {
    step(f, pc, op) {
      const stack: string[] = []
      for (let i = 0; i < f.sp; i++) stack.push(hex(word.toBigInt(f.stack, i * 8)))
      open.set(f, {
        pc, op, gas: hex(f.gasLeft), gasCost: '0x0', memSize: f.memory.size, stack, depth: f.depth + 1,
        returnData: bytesToHex(f.returnData), refund: f.refund, opName: f.ctx.table.names[op],
      })
    },
    stepEnd(f, _pc, _op, gasCost) {
      const line = open.get(f)
      if (line === undefined) return
      open.delete(f)
      line.gasCost = hex(gasCost)
      write(JSON.stringify(line))
    },
  }
}
