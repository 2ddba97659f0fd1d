/**
 * Rewrites a validated contract module so execution is metered and bounded
 * deterministically, whatever the engine:
 * - every fuel frame (function entry, each loop body, if branch and else
 *   branch) first subtracts its fuel, by Soroban's schedule (see `fuel.ts`),
 *   from an exported i64 fuel global and traps when the fuel goes negative;
 *   the host reads and refills the global around every host call;
 * - every function counts its call depth in an exported i32 global and traps
 *   past {@link CALL_DEPTH_LIMIT}, and adds its frame's stack units to a
 *   second one and traps past {@link STACK_UNIT_LIMIT} (see `stack.ts`); the
 *   body is wrapped in a block so every exit (fall-through, `br` to the
 *   function label, `return`) takes both back;
 * - the memory maximum is clamped to what the memory budget allows.
 * Function, global and type indices are unchanged (the new globals go last).
 */
import { InvalidContractModuleError } from '../errors.ts'
import type { ParsedModule } from './module.ts'
import { FUEL, instructionFuel } from './fuel.ts'
import { OP_BLOCK, OP_ELSE, OP_END, OP_IF, OP_LOOP, OP_RETURN, skipImmediates } from './opcodes.ts'

const OP_MEMORY_GROW = 0x40
import { encodeSigned, encodeU32, Reader } from './reader.ts'
import { frameUnits, STACK_UNIT_LIMIT } from './stack.ts'

/** @deprecated CPU per unit of fuel is WasmInsnExec's CPU constant of the budget's parameters (4 by default). */
export const CPU_PER_INSTRUCTION = 4
/** Nested wasm calls allowed within one contract frame (wasmi's default recursion limit). */
export const CALL_DEPTH_LIMIT = 1024
export const FUEL_EXPORT = '__zvm_fuel'
export const DEPTH_EXPORT = '__zvm_depth'
/** Stack units held by the invocation; the host sets it when it enters an instance. */
export const STACK_EXPORT = '__zvm_stack'
/** Set to 1 when `memory.grow` failed within the module's own maximum: the memory budget, not the module, refused it. */
export const GROW_EXPORT = '__zvm_grow_failed'

const SECTION_ORDER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11]
const rank = (id: number): number => SECTION_ORDER.indexOf(id)

/** Appends without spreading (large arrays overflow the argument limit). */
function append(out: number[], data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) out.push(data[i])
}

function section(id: number, content: ArrayLike<number>): number[] {
  const out = [id, ...encodeU32(content.length)]
  append(out, content)
  return out
}

function chargeCode(fuel: number[], cost: number): number[] {
  return [0x23, ...fuel, 0x42, ...encodeSigned(cost), 0x7d, 0x24, ...fuel, 0x23, ...fuel, 0x42, 0x00, 0x53, 0x04, 0x40, 0x00, 0x0b]
}

/** `counter += delta; if (counter > limit) unreachable` on an i32 global. */
function enterCode(counter: number[], delta: number, limit: number): number[] {
  return [0x23, ...counter, 0x41, ...encodeSigned(delta), 0x6a, 0x24, ...counter, 0x23, ...counter, 0x41, ...encodeSigned(limit), 0x4b, 0x04, 0x40, 0x00, 0x0b]
}

/** `counter -= delta` on an i32 global. */
function leaveCode(counter: number[], delta: number): number[] {
  return [0x23, ...counter, 0x41, ...encodeSigned(delta), 0x6b, 0x24, ...counter]
}

interface Counters { fuel: number[], depth: number[], stack: number[], growDelta: number[], growResult: number[], growFailed: number[], declaredMax: number }

function instrumentBody(m: ParsedModule, index: number, { fuel, depth, stack, growDelta, growResult, growFailed, declaredMax }: Counters): number[] {
  const { bytes } = m
  const body = m.bodies[index]
  const r = new Reader(bytes, body.start, body.end)
  for (let n = r.u32(), i = 0; i < n; i++) { r.u32(); r.byte() }
  const localsEnd = r.pos
  const starts: number[] = []
  const ops: number[] = []
  while (!r.done) {
    starts.push(r.pos)
    const op = r.byte()
    skipImmediates(op, r, () => {})
    ops.push(op)
  }
  starts.push(r.pos)
  const last = ops.length - 1 // the function's own `end`
  const { params, results } = m.types[body.typeIndex]
  // Fuel frames: 0 is the function body; `frameAt[i]` is the frame opened by instruction i (loop, if, else).
  const fuelOf: number[] = [1 + Math.floor((params.length + body.locals) / FUEL.funcLocalsPerFuel)]
  const frameAt = new Map<number, number>()
  // Control stack: the fuel frame each open construct charges to, and whether code was reachable when it opened.
  const control: { frame: number, reachableBefore: boolean }[] = [{ frame: 0, reachableBefore: true }]
  let reachable = true
  for (let i = 0; i <= last; i++) {
    const op = ops[i]
    const top = control[control.length - 1]
    if (op === OP_BLOCK || op === OP_LOOP || op === OP_IF) {
      if (reachable) fuelOf[top.frame] += instructionFuel(op)
      let frame = top.frame
      if (op !== OP_BLOCK) { frame = fuelOf.length; fuelOf.push(1); frameAt.set(i, frame) }
      control.push({ frame, reachableBefore: reachable })
    } else if (op === OP_ELSE) {
      if (reachable) fuelOf[top.frame] += instructionFuel(op)
      const frame = fuelOf.length
      fuelOf.push(1)
      frameAt.set(i, frame)
      control[control.length - 1] = { frame, reachableBefore: top.reachableBefore }
      reachable = top.reachableBefore
    } else if (op === OP_END) {
      if (i === last) { if (reachable) fuelOf[0] += FUEL.base; break } // the function's return
      control.pop()
      reachable = top.reachableBefore
    } else {
      if (reachable) fuelOf[top.frame] += instructionFuel(op)
      if (op === 0x00 || op === 0x0c || op === 0x0e || op === OP_RETURN) reachable = false
    }
  }
  const units = frameUnits(params.length, body.locals, body.maxHeight)
  const out: number[] = []
  append(out, bytes.subarray(body.start, localsEnd))
  append(out, enterCode(depth, 1, CALL_DEPTH_LIMIT))
  append(out, enterCode(stack, units, STACK_UNIT_LIMIT))
  out.push(OP_BLOCK, results.length === 0 ? 0x40 : results[0])
  out.push(...chargeCode(fuel, fuelOf[0]))
  let open = 0
  for (let i = 0; i < last; i++) {
    const op = ops[i]
    if (op === OP_RETURN) out.push(0x0c, ...encodeU32(open))
    else if (op === OP_MEMORY_GROW) {
      // memory.grow; on -1 within the module's declared maximum (so only the memory budget's clamp refused it), trap as budget exhaustion.
      out.push(0x24, ...growDelta, 0x23, ...growDelta, 0x40, 0x00, 0x24, ...growResult,
        0x23, ...growResult, 0x41, 0x7f, 0x46, 0x04, 0x40,
        0x3f, 0x00, 0xad, 0x23, ...growDelta, 0xad, 0x7c, 0x42, ...encodeSigned(declaredMax), 0x58, 0x04, 0x40,
        0x41, 0x01, 0x24, ...growFailed, 0x00, 0x0b, 0x0b, 0x23, ...growResult)
    } else for (let b = starts[i]; b < starts[i + 1]; b++) out.push(bytes[b])
    if (op === OP_BLOCK || op === OP_LOOP || op === OP_IF) open++
    else if (op === OP_END) open--
    const frame = frameAt.get(i)
    if (frame !== undefined) out.push(...chargeCode(fuel, fuelOf[frame]))
  }
  out.push(OP_END, ...leaveCode(depth, 1), ...leaveCode(stack, units), OP_END)
  const sized = encodeU32(out.length)
  append(sized, out)
  return sized
}

export interface InstrumentOptions {
  /** Upper bound for linear memory, in 64 KiB pages. */
  maxMemoryPages: number
}

export function instrumentModule(m: ParsedModule, options: InstrumentOptions): Uint8Array {
  const { bytes } = m
  for (const name of [FUEL_EXPORT, DEPTH_EXPORT, STACK_EXPORT, GROW_EXPORT]) {
    if (m.exports.has(name)) throw new InvalidContractModuleError('malformed', `export name ${name} is reserved`)
  }
  const fuel = encodeU32(m.globalCount)
  const depth = encodeU32(m.globalCount + 1)
  const stack = encodeU32(m.globalCount + 2)
  const growDelta = encodeU32(m.globalCount + 3)
  const growResult = encodeU32(m.globalCount + 4)
  const growFailed = encodeU32(m.globalCount + 5)
  const i32Global = [0x7f, 0x01, 0x41, 0x00, 0x0b]
  const added = 6
  const newGlobals = [0x7e, 0x01, 0x42, 0x00, 0x0b, ...i32Global, ...i32Global, ...i32Global, ...i32Global, ...i32Global]
  const exportOf = (name: string, index: number[]): number[] => [...encodeU32(name.length), ...new TextEncoder().encode(name), 0x03, ...index]
  const newExports = [...exportOf(FUEL_EXPORT, fuel), ...exportOf(DEPTH_EXPORT, depth), ...exportOf(STACK_EXPORT, stack), ...exportOf(GROW_EXPORT, growFailed)]
  const exportsAdded = 4
  const declaredMax = m.memory?.max ?? 65536
  const out: number[] = []
  append(out, bytes.subarray(0, 8))
  let globalsDone = false
  let exportsDone = false
  const flushBefore = (id: number): void => {
    if (!globalsDone && (id === -1 || rank(id) > rank(6))) { append(out, section(6, [...encodeU32(added), ...newGlobals])); globalsDone = true }
    if (!exportsDone && (id === -1 || rank(id) > rank(7))) { append(out, section(7, [...encodeU32(exportsAdded), ...newExports])); exportsDone = true }
  }
  for (const s of m.sections) {
    const raw = bytes.subarray(s.headerStart, s.end)
    if (s.id === 0) { append(out, raw); continue }
    flushBefore(s.id)
    const r = new Reader(bytes, s.start, s.end)
    if (s.id === 5 && m.memory !== undefined) {
      r.u32()
      const { min, max } = m.memory
      const limit = Math.min(max ?? 65536, options.maxMemoryPages)
      if (min > limit) throw new InvalidContractModuleError('too-large', `initial memory of ${min} pages exceeds the memory budget (${limit} pages)`)
      append(out, section(5, [1, 0x01, ...encodeU32(min), ...encodeU32(limit)]))
    } else if (s.id === 6 || s.id === 7) {
      // A vector section: more entries at its end.
      const content = encodeU32(r.u32() + (s.id === 6 ? added : exportsAdded))
      append(content, bytes.subarray(r.pos, s.end))
      append(content, s.id === 6 ? newGlobals : newExports)
      append(out, section(s.id, content))
      if (s.id === 6) globalsDone = true
      else exportsDone = true
    } else if (s.id === 10) {
      const content: number[] = [...encodeU32(m.bodies.length)]
      for (let i = 0; i < m.bodies.length; i++) {
        append(content, instrumentBody(m, i, { fuel, depth, stack, growDelta, growResult, growFailed, declaredMax }))
      }
      append(out, section(10, content))
    } else append(out, raw)
  }
  flushBefore(-1)
  return Uint8Array.from(out)
}
