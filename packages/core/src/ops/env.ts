/** Execution environment: ADDRESS … GAS, calldata, code and return data access. */
import { word as w } from '@zvm/primitives'
import { KECCAK_EMPTY } from '@zvm/state'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { accessAccount, addressAt, writeAddress } from './access.ts'
import { chargeWords, expandMemory } from './memory.ts'
import { declareTraits, OBSERVES_GAS, PLAIN, PURE } from '../traits.ts'

function pushBigint(f: Frame, v: bigint): void {
  w.fromBigInt(f.stack, f.sp << 3, v)
  f.sp++
}

/** An op that pushes a value computed from the frame. */
function pusher(read: (f: Frame) => bigint): Operation {
  return (f, pc) => {
    pushBigint(f, read(f))
    return pc + 1
  }
}

export const address = pusher((f) => BigInt(f.address))
export const origin = pusher((f) => BigInt(f.ctx.tx.origin))
export const caller = pusher((f) => BigInt(f.caller))
export const callvalue = pusher((f) => f.value)
export const gasprice = pusher((f) => f.ctx.tx.gasPrice)
export const selfbalance = pusher((f) => f.ctx.state.getBalance(f.address))

/** An op that pushes a small number read from the frame (sizes, gas): no bigint. */
function numberPusher(read: (f: Frame) => number): Operation {
  return (f, pc) => {
    w.setNumber(f.stack, f.sp << 3, read(f))
    f.sp++
    return pc + 1
  }
}

export const calldatasize = numberPusher((f) => f.input.length)
export const codesize = numberPusher((f) => f.codeSize)
export const returndatasize = numberPusher((f) => f.returnData.length)
/** GAS: gas left after this instruction's static cost. */
export const gas = numberPusher((f) => f.gasLeft)

/** CALLDATALOAD (offset) → 32 bytes of input, zero-padded. */
export function calldataload(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const offset = w.toSmall(f.stack, a)
  if (offset < 0 || offset >= f.input.length) w.setNumber(f.stack, a, 0)
  else w.loadBytes32(f.stack, a, f.input, offset)
  return pc + 1
}

/** Shared by CALLDATACOPY and CODECOPY: (destOffset, sourceOffset, size). */
function copyFrom(source: (f: Frame) => Uint8Array): Operation {
  return (f, pc) => {
    const a = (f.sp - 1) << 3
    const s = f.stack
    const size = w.toSmall(s, a - 16)
    const dest = size === 0 ? 0 : w.toSmall(s, a)
    const from = w.toSaturatedNumber(s, a - 8)
    f.sp -= 3
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (!chargeWords(f, size, f.ctx.table.schedule.copyPerWord)) return -1
    if (!expandMemory(f, dest, size)) return -1
    if (size > 0) f.memory.writePadded(dest, source(f), from, size)
    return pc + 1
  }
}

export const calldatacopy = copyFrom((f) => f.input)
export const codecopy = copyFrom((f) => f.code.subarray(0, f.codeSize))

/** RETURNDATACOPY (dest, offset, size): reading past the end is an error. */
export function returndatacopy(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const s = f.stack
  const size = w.toSmall(s, a - 16)
  const from = w.toSaturatedNumber(s, a - 8)
  f.sp -= 3
  if (size < 0 || from + size > f.returnData.length) { f.halt = Halt.ReturnDataOutOfBounds; return -1 }
  const dest = size === 0 ? 0 : w.toSmall(s, a)
  if (!chargeWords(f, size, f.ctx.table.schedule.copyPerWord)) return -1
  if (!expandMemory(f, dest, size)) return -1
  if (size > 0) f.memory.buffer.set(f.returnData.subarray(from, from + size), dest)
  return pc + 1
}

/** BALANCE (address): account access. */
export function balance(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const target = addressAt(f, a)
  if (!accessAccount(f, target)) return -1
  w.fromBigInt(f.stack, a, f.ctx.state.getBalance(target))
  return pc + 1
}

/** EXTCODESIZE (address): account access. */
export function extcodesize(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const target = addressAt(f, a)
  if (!accessAccount(f, target)) return -1
  w.setNumber(f.stack, a, f.ctx.state.getCode(target).length)
  return pc + 1
}

/** EXTCODEHASH (address): 0 for accounts that do not exist or are empty (EIP-1052, EIP-161). */
export function extcodehash(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const target = addressAt(f, a)
  if (!accessAccount(f, target)) return -1
  const state = f.ctx.state
  if (!state.exists(target) || state.isEmpty(target)) w.setNumber(f.stack, a, 0)
  else w.fromBigInt(f.stack, a, BigInt(state.getCodeHash(target) ?? KECCAK_EMPTY))
  return pc + 1
}

/** EXTCODECOPY (address, dest, offset, size). */
export function extcodecopy(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const s = f.stack
  const target = addressAt(f, a)
  const size = w.toSmall(s, a - 24)
  const dest = size === 0 ? 0 : w.toSmall(s, a - 8)
  const from = w.toSaturatedNumber(s, a - 16)
  f.sp -= 4
  if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
  if (!chargeWords(f, size, f.ctx.table.schedule.copyPerWord)) return -1
  if (!expandMemory(f, dest, size)) return -1
  if (!accessAccount(f, target)) return -1
  if (size > 0) f.memory.writePadded(dest, f.ctx.state.getCode(target), from, size)
  return pc + 1
}

export { writeAddress }

for (const op of [address, origin, caller, callvalue, gasprice, selfbalance, calldatasize, codesize, returndatasize, calldataload]) declareTraits(op, PURE)
for (const op of [gas]) declareTraits(op, OBSERVES_GAS)
for (const op of [calldatacopy, codecopy, returndatacopy, balance, extcodesize, extcodehash, extcodecopy]) declareTraits(op, PLAIN)
