/**
 * One pass over a function body: refuses the instructions Soroban refuses,
 * and measures the body's shape — operand-stack height, control nesting and
 * instruction count — against {@link ModuleLimits}. The height is an upper
 * bound (unreachable code is counted as if it ran), which is all the stack
 * accounting needs; exact type checking is left to the engine's compiler.
 */
import { InvalidContractModuleError, type ModuleRejection } from '../errors.ts'
import type { FunctionType } from './module.ts'
import { ModuleLimits, type ModuleLimitRule } from './limits.ts'
import {
  OP_BLOCK, OP_BR, OP_BR_IF, OP_BR_TABLE, OP_CALL, OP_CALL_INDIRECT, OP_ELSE, OP_END, OP_IF, OP_LOOP, OP_RETURN, OP_UNREACHABLE,
  rejectedOpcode, rejectedValueType, skipImmediates, stackEffect,
} from './opcodes.ts'
import type { Reader } from './reader.ts'

export interface BodyShape {
  /** Declared locals, params excluded. */
  locals: number
  /** Most operand-stack values live at once (an upper bound). */
  maxHeight: number
  /** Instructions, the final `end` included (Soroban's ParseWasmInstructions input). */
  instructions: number
  /** Deepest block nesting (the function itself is 1) and the most value slots open blocks held at once. */
  maxDepth: number
  maxNestingSlots: number
}

export interface BodyContext {
  type: FunctionType
  types: readonly FunctionType[]
  /** Type index of every function, imports first. */
  functionTypes: readonly number[]
}

function reject(reason: ModuleRejection, message: string, offset?: number, rule?: ModuleLimitRule): never {
  throw new InvalidContractModuleError(reason, message, offset, rule)
}

interface Control { entryHeight: number, results: number, slots: number }

export function analyzeBody(r: Reader, ctx: BodyContext): BodyShape {
  const count = r.u32()
  let locals = 0
  for (let i = 0; i < count; i++) {
    locals += r.u32()
    const at = r.pos
    const t = r.byte()
    const bad = rejectedValueType(t)
    if (bad !== undefined) reject(bad, `value type 0x${t.toString(16)} is not allowed`, at)
    if (locals > ModuleLimits.locals) reject('too-large', `${locals} locals in one function, the limit is ${ModuleLimits.locals}`, r.pos, 'locals')
  }
  const frameSlots = ctx.type.params.length + locals
  let height = 0
  let maxHeight = 0
  let instructions = 0
  // Value slots V8 keeps per open block (see ModuleLimits.nestingSlots).
  let nestingSlots = frameSlots
  let maxNestingSlots = frameSlots
  let maxDepth = 1
  const controls: Control[] = [{ entryHeight: 0, results: ctx.type.results.length, slots: frameSlots }]
  const pop = (n: number): void => { height = Math.max(height - n, controls[controls.length - 1].entryHeight) }
  const push = (n: number): void => { height += n; if (height > maxHeight) maxHeight = height }
  const callType = (typeIndex: number | undefined, at: number): FunctionType => {
    const t = typeIndex === undefined ? undefined : ctx.types[typeIndex]
    if (t === undefined) reject('malformed', 'call to an unknown function or type', at)
    return t
  }
  while (controls.length > 0) {
    const at = r.pos
    const op = r.byte()
    instructions++
    const bad = rejectedOpcode(op)
    if (bad !== undefined) reject(bad, `instruction 0x${op.toString(16)} is not allowed`, at)
    if (op === OP_CALL) {
      const t = callType(ctx.functionTypes[r.u32()], at)
      pop(t.params.length); push(t.results.length)
      continue
    }
    if (op === OP_CALL_INDIRECT) {
      const t = callType(r.u32(), at)
      if (r.byte() !== 0) r.fail('call_indirect on a table other than 0')
      pop(1 + t.params.length); push(t.results.length)
      continue
    }
    let blockResults = 0
    const known = skipImmediates(op, r, (t) => {
      if (t >= 0) reject('multi-value', 'block with a type index', at)
      if (t !== -64) {
        const b = rejectedValueType(t & 0x7f)
        if (b !== undefined) reject(b, 'block result type', at)
        blockResults = 1
      }
    })
    if (!known) reject('malformed', `unknown instruction 0x${op.toString(16)}`, at)
    const top = controls[controls.length - 1]
    switch (op) {
      case OP_IF: case OP_BLOCK: case OP_LOOP: {
        if (op === OP_IF) pop(1) // the condition is gone before the block opens
        const slots = frameSlots + height
        nestingSlots += slots
        controls.push({ entryHeight: height, results: blockResults, slots })
        maxDepth = Math.max(maxDepth, controls.length)
        maxNestingSlots = Math.max(maxNestingSlots, nestingSlots)
        if (controls.length > ModuleLimits.nestingDepth) {
          reject('too-large', `blocks nested ${controls.length} deep, the limit is ${ModuleLimits.nestingDepth}`, at, 'nesting')
        }
        if (nestingSlots > ModuleLimits.nestingSlots) {
          reject('too-large', `open blocks hold ${nestingSlots} value slots (depth × locals and stack), the limit is ${ModuleLimits.nestingSlots}`, at, 'nesting')
        }
        break
      }
      case OP_ELSE: height = top.entryHeight; break
      case OP_END:
        controls.pop()
        nestingSlots -= top.slots
        height = top.entryHeight
        push(top.results)
        break
      case OP_BR_TABLE: case OP_BR: case OP_RETURN: case OP_UNREACHABLE: height = top.entryHeight; break
      case OP_BR_IF: pop(1); break
      default: { const [pops, pushes] = stackEffect(op); pop(pops); push(pushes) }
    }
  }
  if (!r.done) reject('malformed', 'function body continues after its end', r.pos)
  return { locals, maxHeight, instructions, maxDepth, maxNestingSlots }
}
