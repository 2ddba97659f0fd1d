/**
 * EIP-3155 tracing: one JSON line per instruction with pc, op, gas, gasCost,
 * memSize, stack, depth (1-based), returnData, refund and opName. A step's
 * line is written when the next step of the same frame (or its end) shows
 * the gas the instruction really took, so gasCost includes dynamic costs;
 * for CALL/CREATE it includes the gas handed to the callee.
 */
import type { Frame, Tracer } from '@zvm/core'
import { bytesToHex, word } from '@zvm/primitives'

interface Pending { frame: Frame; line: Record<string, unknown>; gasBefore: number }

const hex = (n: number | bigint): string => `0x${n.toString(16)}`

export function createEip3155Tracer(write: (line: string) => void): Tracer {
  const pending = new Map<Frame, Pending>()
  const flush = (frame: Frame, gasAfter: number): void => {
    const p = pending.get(frame)
    if (!p) return
    pending.delete(frame)
    p.line.gasCost = hex(Math.max(0, p.gasBefore - gasAfter))
    write(JSON.stringify(p.line))
  }
  return {
    step(f, pc, op) {
      flush(f, f.gasLeft)
      const stack: string[] = []
      for (let i = 0; i < f.sp; i++) stack.push(hex(word.toBigInt(f.stack, i * 8)))
      pending.set(f, {
        frame: f,
        gasBefore: f.gasLeft,
        line: {
          pc, op, gas: hex(f.gasLeft), gasCost: '0x0', memSize: f.memory.size, stack, depth: f.depth + 1,
          returnData: bytesToHex(f.returnData), refund: f.refund, opName: f.ctx.table.names[op],
        },
      })
    },
    frameEnd(f) {
      flush(f, f.gasLeft)
    },
  }
}
