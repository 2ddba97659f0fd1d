/**
 * The dispatch loop. It checks stack bounds and charges static gas from the
 * table's traits, then calls the operation, which returns the next pc or -1
 * after setting `f.halt`. A second copy of the loop calls the tracer; the
 * executor picks one per frame so the plain loop has no hook checks.
 */
import type { Frame } from './frame.ts'
import { Halt } from './halt.ts'

/** Runs `f` until it halts or suspends for a CALL/CREATE. */
export function interpret(f: Frame): void {
  const t = f.ctx.table
  const ops = t.ops
  const staticGas = t.staticGas
  const minStack = t.minStack
  const maxStack = t.maxStack
  const code = f.code
  let pc = f.pc
  for (;;) {
    const op = code[pc]
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
