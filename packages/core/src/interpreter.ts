/**
 * The dispatch loop. It checks stack bounds and charges static gas from the
 * table's traits, then calls the operation, which returns the next pc or -1
 * after setting `f.halt`. A second copy of the loop calls the inspector; the
 * executor picks one per frame so the plain loop has no hook checks.
 */
import type { BlockTable } from './blocks.ts'
import { compileBlock } from './compile.ts'
import type { Frame } from './frame.ts'
import { Halt } from './halt.ts'
import { Dispatch } from './dispatch.ts'
import * as arith from './ops/arithmetic.ts'
import * as bit from './ops/bitwise.ts'
import * as control from './ops/control.ts'
import * as env from './ops/env.ts'
import * as mem from './ops/memory.ts'
import type { WordOp } from './ops/binary.ts'
import type { Operation } from './table.ts'
import { word as w } from '@zvm/primitives'

/** Block executions before a block is compiled to a function (calls only). */
export const COMPILE_THRESHOLD = 5000
/** Executions before a compiled block is recompiled with stack operations inline. */
export const INLINE_THRESHOLD = 1_000_000
/**
 * Executions within one message after which a compiled block is recompiled
 * inline at once: V8 optimizes a new function only after a few hundred calls
 * and runs inline code slowly until then, so the inline level pays off when
 * the same message will call it many more times (a hot loop), not for code
 * that runs a little in each of many messages.
 */
export const INLINE_HOT_IN_MESSAGE = 1000

let messages = 0

/** A new message number for {@link interpretBlocks} (per-message hit counts). */
export function nextMessage(): number {
  messages = (messages + 1) | 0
  return messages
}

/** Runs `f` until it halts or suspends for a CALL/CREATE. */
export function interpret(f: Frame): void {
  stepChecked(f, f.pc, Infinity)
}

/**
 * Runs `f` in the per-instruction loop for at most `budget` instructions;
 * returns how many ran. When the budget runs out before a halt or suspension,
 * `f.pc` is where to go on (the caller switches to the block tier).
 */
export function interpretCold(f: Frame, budget: number): number {
  const pc = stepChecked(f, f.pc, budget)
  if (pc >= 0) f.pc = pc
  return stepsRun
}

// Instructions the last stepChecked ran (read by interpretCold; set once per call, not per step).
let stepsRun = 0

/**
 * The same loop with the inspector's step hooks around every instruction
 * (stepEnd gets the gas the instruction took, see Inspector).
 */
export function interpretTraced(f: Frame): void {
  const t = f.ctx.table
  const inspector = f.ctx.inspector!
  const ops = t.ops
  const staticGas = t.staticGas
  const minStack = t.minStack
  const maxStack = t.maxStack
  const code = f.code
  let pc = f.pc
  for (;;) {
    const op = code[pc]
    inspector.step?.(f, pc, op)
    const sp = f.sp
    const gasBefore = f.gasLeft
    if (sp < minStack[op]) f.halt = Halt.StackUnderflow
    else if (sp > maxStack[op]) f.halt = Halt.StackOverflow
    else if (gasBefore < staticGas[op]) f.halt = Halt.OutOfGas
    else {
      f.gasLeft = gasBefore - staticGas[op]
      const next = ops[op](f, pc)
      inspector.stepEnd?.(f, pc, op, gasBefore - f.gasLeft)
      if (next < 0) return
      pc = next
      continue
    }
    inspector.stepEnd?.(f, pc, op, f.halt === Halt.OutOfGas ? staticGas[op] : 0)
    return
  }
}

/**
 * Runs up to `count` instructions from `pc` with per-instruction checks;
 * returns the next pc, or -1 after a halt. The interpreter tier runs it
 * without a limit; the block tier uses it when a block's entry check fails,
 * so the failure lands on the exact instruction with the exact reason.
 */
function stepChecked(f: Frame, pc: number, count: number): number {
  const t = f.ctx.table
  const ops = t.ops
  const staticGas = t.staticGas
  const minStack = t.minStack
  const maxStack = t.maxStack
  const code = f.code
  let i = 0
  for (; i < count; i++) {
    const op = code[pc]
    const sp = f.sp
    if (sp < minStack[op]) { f.halt = Halt.StackUnderflow; pc = -1; break }
    if (sp > maxStack[op]) { f.halt = Halt.StackOverflow; pc = -1; break }
    const gas = f.gasLeft - staticGas[op]
    if (gas < 0) { f.halt = Halt.OutOfGas; pc = -1; break }
    f.gasLeft = gas
    pc = ops[op](f, pc)
    if (pc < 0) { i++; break }
  }
  stepsRun = i
  return pc
}

/**
 * Runs `n` instructions of a checked block from `pc`; returns the next pc, or
 * -1 after a halt. See dispatch.ts: stack instructions run inline, frequent
 * operations are called from their own call site, the rest through `ops`.
 */
function runBlock(f: Frame, ops: readonly Operation[], kind: Uint8Array, arg: Uint8Array, words: readonly (WordOp | undefined)[], code: Uint8Array, pc: number, n: number): number {
  const s = f.stack
  for (; n > 0; n--) {
    const op = code[pc]
    switch (kind[op]) {
      case Dispatch.Push: {
        const size = arg[op]
        const o = f.sp << 3
        if (size <= 3) {
          s[o] = size === 0 ? 0 : size === 1 ? code[pc + 1] : size === 2 ? (code[pc + 1] << 8) | code[pc + 2] : (code[pc + 1] << 16) | (code[pc + 2] << 8) | code[pc + 3]
          s[o + 1] = 0; s[o + 2] = 0; s[o + 3] = 0; s[o + 4] = 0; s[o + 5] = 0; s[o + 6] = 0; s[o + 7] = 0
        } else w.loadImmediate(s, o, code, pc + 1, size)
        f.sp++
        pc += 1 + size
        break
      }
      case Dispatch.Dup: {
        const to = f.sp << 3
        const from = to - (arg[op] << 3)
        if (n > 1) {
          // DUPn followed by a two-operand word operation: one call on the duplicated word where it is.
          const next = code[pc + 1]
          const word = words[next]
          if (word !== undefined) {
            // ADD, by far the most frequent, from a call site of its own (V8 inlines it); the rest indirectly.
            if (word === w.add) w.add(s, from, to - 8, to - 8)
            else word(s, from, to - 8, to - 8)
            pc += 2
            n--
            break
          }
          // DUPn; MLOAD and DUPn; MSTORE read the offset where it is.
          const nextKind = kind[next]
          if (nextKind === Dispatch.Mload) {
            if (!mem.mloadAt(f, from, to)) return -1
            f.sp++
            pc += 2
            n--
            break
          }
          if (nextKind === Dispatch.Mstore) {
            if (!mem.mstoreAt(f, from, to - 8)) return -1
            f.sp--
            pc += 2
            n--
            break
          }
        }
        s[to] = s[from]; s[to + 1] = s[from + 1]; s[to + 2] = s[from + 2]; s[to + 3] = s[from + 3]
        s[to + 4] = s[from + 4]; s[to + 5] = s[from + 5]; s[to + 6] = s[from + 6]; s[to + 7] = s[from + 7]
        f.sp++
        pc++
        break
      }
      case Dispatch.Swap: {
        const a = (f.sp - 1) << 3
        const c = a - (arg[op] << 3)
        if (n > 1 && kind[code[pc + 1]] === Dispatch.Pop) {
          // SWAPn; POP: the top word replaces the n-th below it.
          s[c] = s[a]; s[c + 1] = s[a + 1]; s[c + 2] = s[a + 2]; s[c + 3] = s[a + 3]
          s[c + 4] = s[a + 4]; s[c + 5] = s[a + 5]; s[c + 6] = s[a + 6]; s[c + 7] = s[a + 7]
          f.sp--
          pc += 2
          n--
          break
        }
        let t = s[a]; s[a] = s[c]; s[c] = t
        t = s[a + 1]; s[a + 1] = s[c + 1]; s[c + 1] = t
        t = s[a + 2]; s[a + 2] = s[c + 2]; s[c + 2] = t
        t = s[a + 3]; s[a + 3] = s[c + 3]; s[c + 3] = t
        t = s[a + 4]; s[a + 4] = s[c + 4]; s[c + 4] = t
        t = s[a + 5]; s[a + 5] = s[c + 5]; s[c + 5] = t
        t = s[a + 6]; s[a + 6] = s[c + 6]; s[c + 6] = t
        t = s[a + 7]; s[a + 7] = s[c + 7]; s[c + 7] = t
        pc++
        break
      }
      case Dispatch.Pop: f.sp--; pc++; break
      case Dispatch.Nop: pc++; break
      case Dispatch.Add: pc = arith.add(f, pc); break
      case Dispatch.Sub: pc = arith.sub(f, pc); break
      case Dispatch.And: pc = bit.and(f, pc); break
      case Dispatch.Or: pc = bit.or(f, pc); break
      case Dispatch.Xor: pc = bit.xor(f, pc); break
      case Dispatch.Not: pc = bit.not(f, pc); break
      case Dispatch.Lt: pc = bit.lt(f, pc); break
      case Dispatch.Gt: pc = bit.gt(f, pc); break
      case Dispatch.Eq: pc = bit.eq(f, pc); break
      case Dispatch.IsZero: pc = bit.iszero(f, pc); break
      case Dispatch.Shl: pc = bit.shl(f, pc); break
      case Dispatch.Shr: pc = bit.shr(f, pc); break
      case Dispatch.CalldataLoad: pc = env.calldataload(f, pc); break
      case Dispatch.SignExtend: pc = arith.signextend(f, pc); break
      case Dispatch.Byte: pc = bit.byte(f, pc); break
      case Dispatch.Sar: pc = bit.sar(f, pc); break
      case Dispatch.Slt: pc = bit.slt(f, pc); break
      case Dispatch.Sgt: pc = bit.sgt(f, pc); break
      case Dispatch.Jump:
        pc = control.jump(f)
        if (pc < 0) return -1
        break
      case Dispatch.Jumpi:
        pc = control.jumpi(f, pc)
        if (pc < 0) return -1
        break
      case Dispatch.Mload:
        pc = mem.mload(f, pc)
        if (pc < 0) return -1
        break
      case Dispatch.Mstore:
        pc = mem.mstore(f, pc)
        if (pc < 0) return -1
        break
      default:
        pc = ops[op](f, pc)
        if (pc < 0) return -1
    }
  }
  return pc
}

/**
 * The block tier: one gas and stack check per basic block, then its
 * instructions without checks; hot blocks run as compiled functions.
 * Gas and state match the per-instruction loop exactly: a block whose
 * entry check fails runs checked, and instructions that observe the gas
 * left end their block.
 */
export function interpretBlocks(f: Frame, blocks: BlockTable, compile: boolean, message = 0): void {
  const t = f.ctx.table
  const ops = t.ops
  const { dispatch, dispatchArg, wordOps } = t
  const code = f.code
  const { blockOf, length, gas: blockGas, minSp, maxSp, hits, compiled, level, epoch, messageHits } = blocks
  const threshold = f.ctx.compileThreshold ?? COMPILE_THRESHOLD
  // With an explicit threshold (tests), the inline level follows one execution later.
  const inlineThreshold = f.ctx.compileThreshold === undefined ? INLINE_THRESHOLD : threshold + 1
  let pc = f.pc
  for (;;) {
    const b = blockOf[pc]
    if (b < 0) {
      // Not a block start (cannot happen for analysed code); fall back to one checked step.
      pc = stepChecked(f, pc, 1)
      if (pc < 0) return
      continue
    }
    const sp = f.sp
    const gas = f.gasLeft - blockGas[b]
    if (sp < minSp[b] || sp > maxSp[b] || gas < 0) {
      pc = stepChecked(f, pc, length[b])
      if (pc < 0) return
      continue
    }
    f.gasLeft = gas
    const fn = compiled[b]
    if (fn !== undefined) {
      if (level[b] === 1) {
        if (epoch[b] !== message) {
          epoch[b] = message
          messageHits[b] = 0
        }
        if (++hits[b] >= inlineThreshold || ++messageHits[b] >= INLINE_HOT_IN_MESSAGE) {
          compiled[b] = compileBlock(t, blocks, code, f.jumpValid, b, true) ?? fn
          level[b] = 2
        }
      }
      pc = fn(f)
    } else {
      if (compile && ++hits[b] === threshold) {
        compiled[b] = compileBlock(t, blocks, code, f.jumpValid, b, false)
        if (compiled[b] !== undefined) level[b] = 1
      }
      pc = runBlock(f, ops, dispatch, dispatchArg, wordOps, code, pc, length[b])
    }
    if (pc < 0) return
  }
}
