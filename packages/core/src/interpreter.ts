/**
 * The dispatch loop. It checks stack bounds and charges static gas from the
 * table's traits, then calls the operation, which returns the next pc or -1
 * after setting `f.halt`. A second copy of the loop calls the tracer; the
 * executor picks one per frame so the plain loop has no hook checks.
 */
import type { BlockTable } from './blocks.ts'
import { compileBlock } from './compile.ts'
import type { Frame } from './frame.ts'
import { Halt } from './halt.ts'

/** Block executions before a block is compiled to a function (calls only). */
export const COMPILE_THRESHOLD = 5000
/** Executions before a compiled block is recompiled with stack operations inline. */
export const INLINE_THRESHOLD = 1_000_000

/** Runs `f` until it halts or suspends for a CALL/CREATE. */
export function interpret(f: Frame): void {
  stepChecked(f, f.pc, Infinity)
}

/** The same loop with a tracer call before every instruction. */
export function interpretTraced(f: Frame): void {
  const t = f.ctx.table
  const tracer = f.ctx.tracer!
  const ops = t.ops
  const staticGas = t.staticGas
  const minStack = t.minStack
  const maxStack = t.maxStack
  const code = f.code
  let pc = f.pc
  for (;;) {
    const op = code[pc]
    tracer.step(f, pc, op, staticGas[op])
    const sp = f.sp
    if (sp < minStack[op]) { f.halt = Halt.StackUnderflow; break }
    if (sp > maxStack[op]) { f.halt = Halt.StackOverflow; break }
    const gas = f.gasLeft - staticGas[op]
    if (gas < 0) { f.halt = Halt.OutOfGas; break }
    f.gasLeft = gas
    pc = ops[op](f, pc)
    if (pc < 0) return
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
  for (let i = 0; i < count; i++) {
    const op = code[pc]
    const sp = f.sp
    if (sp < minStack[op]) { f.halt = Halt.StackUnderflow; return -1 }
    if (sp > maxStack[op]) { f.halt = Halt.StackOverflow; return -1 }
    const gas = f.gasLeft - staticGas[op]
    if (gas < 0) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft = gas
    pc = ops[op](f, pc)
    if (pc < 0) return -1
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
export function interpretBlocks(f: Frame, blocks: BlockTable, compile: boolean): void {
  const t = f.ctx.table
  const ops = t.ops
  const code = f.code
  const { blockOf, length, gas: blockGas, minSp, maxSp, hits, compiled } = blocks
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
      if (++hits[b] === inlineThreshold) compiled[b] = compileBlock(t, blocks, code, b, true) ?? fn
      pc = fn(f)
    } else {
      if (compile && ++hits[b] === threshold) compiled[b] = compileBlock(t, blocks, code, b, false)
      for (let n = length[b]; n > 0; n--) {
        pc = ops[code[pc]](f, pc)
        if (pc < 0) return
      }
    }
    if (pc < 0) return
  }
}
