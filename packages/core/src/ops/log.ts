/** LOG0–LOG4 (offset, size, topics…): refused in static frames; journaled with the frame; data per message bounded (limits.ts). */
import { word as w } from '@zvm/primitives'
import { Halt } from '../halt.ts'
import { MAX_MESSAGE_LOG_BYTES } from '../limits.ts'
import type { Operation } from '../table.ts'
import { declareTraits } from '../traits.ts'
import { wordBigInt } from '../word-bigints.ts'
import { expandMemory } from './memory.ts'

/** LOGn with `topicCount` topics; topic gas is in the static cost. */
export function makeLog(topicCount: number): Operation {
  return declareTraits((f, pc) => {
    if (f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
    const a = (f.sp - 1) << 3
    const s = f.stack
    const size = w.toSmall(s, a - 8)
    const offset = size === 0 ? 0 : w.toSmall(s, a)
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    const cost = f.ctx.table.schedule.logPerByte * size
    if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= cost
    if (!expandMemory(f, offset, size)) return -1
    if (f.usage.logBytes + size > MAX_MESSAGE_LOG_BYTES) { f.halt = Halt.LogLimitExceeded; return -1 }
    f.usage.logBytes += size
    const topics: bigint[] = []
    for (let i = 0; i < topicCount; i++) topics.push(wordBigInt(s, a - 16 - 8 * i))
    f.sp -= 2 + topicCount
    const data = size === 0 ? new Uint8Array(0) : f.memory.read(offset, size)
    f.ctx.state.addLog({ address: f.address, topics, data })
    f.ctx.inspector?.log?.(f.address, topics, data)
    return pc + 1
  }, {})
}
