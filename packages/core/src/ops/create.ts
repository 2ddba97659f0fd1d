/**
 * CREATE / CREATE2 (value, offset, size[, salt]): charge init code costs
 * (EIP-3860; CREATE2 also hashes the init code, EIP-1014) and hand the
 * executor a CreateAction with all but 1/64 of the gas left (EIP-150).
 * Address derivation, collision checks and code deposit are the executor's.
 */
import { createCost } from '@zvm/gas'
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { expandMemory } from './memory.ts'
import { declareTraits, SUSPENDS } from '../traits.ts'

function makeCreate(isCreate2: boolean): Operation {
  return (f: Frame, pc: number) => {
    if (f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
    const s = f.stack
    const a = (f.sp - 1) << 3
    const value = w.toBigInt(s, a)
    const size = w.toSmall(s, a - 16)
    const offset = size === 0 ? 0 : w.toSmall(s, a - 8)
    const salt = isCreate2 ? w.toBigInt(s, a - 24) : undefined
    f.sp -= isCreate2 ? 4 : 3
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (size > f.ctx.table.schedule.maxInitCodeSize) { f.halt = Halt.InitCodeSizeExceeded; return -1 }
    const cost = createCost(size, isCreate2, f.ctx.table.schedule)
    if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= cost
    if (!expandMemory(f, offset, size)) return -1
    const gasLimit = f.gasLeft - Math.floor(f.gasLeft / 64)
    f.gasLeft -= gasLimit
    f.action = {
      kind: 'create',
      caller: f.address,
      value,
      initCode: size === 0 ? new Uint8Array(0) : f.memory.read(offset, size),
      gasLimit,
      salt,
    }
    f.pc = pc + 1
    f.halt = Halt.Suspended
    return -1
  }
}

export const create = makeCreate(false)
export const create2 = makeCreate(true)

for (const op of [create, create2]) declareTraits(op, SUSPENDS)
