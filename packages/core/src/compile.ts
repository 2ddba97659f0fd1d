/**
 * Compiles a hot basic block to a JavaScript function that calls each
 * instruction's operation with its pc as a constant (one target per call
 * site, so V8 can inline it). For very hot blocks (`inline`), the stack
 * pointer lives in a local; PUSH (with its value folded into constants),
 * DUP, SWAP and POP are emitted inline and two-operand word operations call
 * their word function directly — faster once V8 optimizes the function,
 * slower until then, hence two levels. Only operations
 * that can halt are followed by a check. Static gas and stack bounds were
 * checked for the whole block by the caller, as in the block interpreter.
 * The generated source contains only fixed identifiers and integers.
 */
import { addCompiledBytes } from './analysis.ts'
import type { BlockTable, CompiledBlock } from './blocks.ts'
import { Dispatch } from './dispatch.ts'
import * as mem from './ops/memory.ts'
import { word as w } from '@zvm/primitives'
import type { Frame } from './frame.ts'
import type { InstructionTable, Operation } from './table.ts'

type Callee = Operation | ((s: Uint32Array, a: number, b: number, out: number) => void) | ((f: Frame, at: number, other: number) => boolean)

function pushLimbs(code: Uint8Array, at: number, size: number): number[] {
  const limbs = new Array<number>(8).fill(0)
  for (let i = 0; i < size; i++) {
    const byteFromRight = size - 1 - i
    if (byteFromRight >= 32) continue
    limbs[byteFromRight >> 2] += code[at + i] * 2 ** (8 * (byteFromRight & 3))
  }
  return limbs
}

/** An instruction pair run as one step; `ends: 'jump'` when it leaves the function. */
interface FusedPair { source: string; ends?: 'jump' }

/**
 * The source of the pair at `pc` and `next` (same block) run as one step, as
 * the block loop does where it can (see docs/execution-tiers.md, "Fused
 * pairs"), or undefined. Pairs are recognised by operation identity (the
 * table's dispatch kinds), never by name.
 */
function fusePair(table: InstructionTable, code: Uint8Array, jumpValid: Uint8Array, pc: number, next: number, param: (fn: Callee) => string): FusedPair | undefined {
  const kind = table.dispatch[code[pc]]
  const n = table.dispatchArg[code[pc]]
  const second = table.dispatch[code[next]]
  if (kind === Dispatch.Dup) {
    // The duplicated word is read where it lies instead of being copied to the top.
    const word = table.wordOps[code[next]]
    if (word !== undefined) return { source: `a = (sp - 1) << 3; ${param(word)}(s, a - ${8 * (n - 1)}, a, a)` }
    if (second === Dispatch.Mload) return { source: `a = sp << 3; if (!${param(mem.mloadAt)}(f, a - ${8 * n}, a)) return -1; sp++` }
    if (second === Dispatch.Mstore) return { source: `a = sp << 3; if (!${param(mem.mstoreAt)}(f, a - ${8 * n}, a - 8)) return -1; sp--` }
    return undefined
  }
  if (kind === Dispatch.Swap) {
    // SWAPn; POP: the top word replaces the n-th below it.
    if (second !== Dispatch.Pop) return undefined
    return { source: `a = (sp - 1) << 3; ${Array.from({ length: 8 }, (_, k) => `s[a + ${k - 8 * n}] = s[a + ${k}]`).join('; ')}; sp--` }
  }
  if (kind !== Dispatch.Push) return undefined
  if (second === Dispatch.Jump || second === Dispatch.Jumpi) {
    // To a JUMPDEST known now: no stack write, no run-time destination check (other destinations keep the checked path).
    const dest = pushedJumpDest(code, pc + 1, n, jumpValid)
    if (dest < 0) return undefined
    if (second === Dispatch.Jump) return { source: `f.sp = sp; return ${dest}`, ends: 'jump' }
    return { source: `sp--; a = sp << 3; if ((s[a] | s[a + 1] | s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) !== 0) { f.sp = sp; return ${dest} }` }
  }
  // A constant shift amount or memory offset is folded into the call.
  const value = pushedSmall(code, pc + 1, n)
  if (value < 0) return undefined
  const shift = second === Dispatch.Shl ? w.shl : second === Dispatch.Shr ? w.shr : second === Dispatch.Sar ? w.sar : undefined
  if (shift !== undefined) return { source: `a = (sp - 1) << 3; ${param(shift)}(s, a, ${Math.min(value, 256)}, a)` }
  if (second === Dispatch.Mload) return { source: `if (!${param(mem.mloadFrom)}(f, ${value}, sp << 3)) return -1; sp++` }
  if (second === Dispatch.Mstore) return { source: `if (!${param(mem.mstoreTo)}(f, ${value}, (sp - 1) << 3)) return -1; sp--` }
  return undefined
}

/** The value PUSHn pushes when it is below 2^32, else -1. */
function pushedSmall(code: Uint8Array, at: number, size: number): number {
  let value = 0
  for (let i = 0; i < size; i++) {
    value = value * 256 + code[at + i]
    if (value >= 2 ** 32) return -1
  }
  return value
}

/** The destination PUSHn pushes when it is a valid jump destination, else -1. */
function pushedJumpDest(code: Uint8Array, at: number, size: number, jumpValid: Uint8Array): number {
  let dest = 0
  for (let i = 0; i < size; i++) {
    dest = dest * 256 + code[at + i]
    if (dest >= jumpValid.length) return -1
  }
  return jumpValid[dest] === 1 ? dest : -1
}

/**
 * Size bounds of one compiled function: instructions (fewer with stack
 * operations inline: a SWAP is ~240 bytes of V8 bytecode, and V8 never
 * optimizes a function over 60 KB), and blocks chained by fall-through.
 */
const MAX_CHAIN = 1000
// Estimated memory of compiled code per instruction (source, V8 bytecode and machine code), for the cache budget.
const COMPILED_BYTES_PER_INSTRUCTION = 512
const MAX_CHAIN_INLINE = 200
const MAX_CHAINED_BLOCKS = 64

/**
 * Compiles the block entry `first` (to the end of its run) and the runs it
 * falls through into after an untaken JUMPI, GAS or SSTORE, checking each
 * following run's gas and stack inline; a failed check returns that pc to
 * the block loop, which runs it with per-instruction checks. Returns
 * undefined when compiling is not worth it (a run of JUMPDESTs) or the code's
 * compile budget is spent.
 */
export function compileBlock(table: InstructionTable, blocks: BlockTable, code: Uint8Array, jumpValid: Uint8Array, first: number, inline: boolean): CompiledBlock | undefined {
  const params = new Map<Callee, string>()
  const param = (fn: Callee): string => {
    let name = params.get(fn)
    if (name === undefined) {
      name = `c${params.size}`
      params.set(fn, name)
    }
    return name
  }
  const body: string[] = ['const s = f.stack', 'let sp = f.sp', 'let a = 0', 'let b = 0', 'let t = 0', 'let r = 0', 'let g = 0']
  const seen = new Set<number>()
  let block = first
  let emitted = 0
  let useful = 0
  // Nothing to gain from compiling a run of JUMPDESTs, and compile work per code is bounded.
  const maxChain = inline ? MAX_CHAIN_INLINE : MAX_CHAIN
  if (blocks.length[first] > maxChain) return undefined
  const done = (): CompiledBlock | undefined => {
    if (useful < 4 || blocks.compileBudget < emitted) return undefined
    blocks.compileBudget -= emitted
    const fn = finish(params, body, blocks.start[first])
    if (fn !== undefined) addCompiledBytes(blocks, COMPILED_BYTES_PER_INSTRUCTION * emitted)
    return fn
  }
  for (;;) {
    seen.add(block)
    let pc = blocks.start[block]
    const length = blocks.length[block]
    let fallsTo = -1
    for (let i = 0; i < length; i++) {
      const op = code[pc]
      const kind = table.dispatch[op]
      const size = table.immediateSize[op]
      const fn = table.ops[op]
      const last = i === length - 1
      const next = pc + 1 + size
      // Without `inline`, everything but JUMPDEST is a call: cheap while V8 still runs a new function unoptimized.
      const fused = i + 1 < length ? fusePair(table, code, jumpValid, pc, next, param) : undefined
      if (fused !== undefined) {
        emitted += 2
        useful += 2
        body.push(fused.source)
        if (fused.ends === 'jump') return done()
        i++
        pc = next + 1
        if (i === length - 1) fallsTo = pc
        continue
      }
      if (inline && kind === Dispatch.Push) {
        const limbs = pushLimbs(code, pc + 1, table.dispatchArg[op])
        body.push(`a = sp << 3; ${limbs.map((l, k) => `s[a + ${k}] = ${l}`).join('; ')}; sp++`)
      } else if (inline && kind === Dispatch.Dup) {
        const d = 8 * table.dispatchArg[op]
        body.push(`a = sp << 3; ${Array.from({ length: 8 }, (_, k) => `s[a + ${k}] = s[a + ${k - d}]`).join('; ')}; sp++`)
      } else if (inline && kind === Dispatch.Swap) {
        const d = 8 * table.dispatchArg[op]
        body.push(`a = (sp - 1) << 3; b = a - ${d}; ${Array.from({ length: 8 }, (_, k) => `t = s[a + ${k}]; s[a + ${k}] = s[b + ${k}]; s[b + ${k}] = t`).join('; ')}`)
      } else if (inline && kind === Dispatch.Pop) {
        body.push('sp--')
      } else if (kind === Dispatch.Nop) {
        // JUMPDEST (and NOP): nothing to do
      } else if (inline && 'word' in fn && typeof fn.word === 'function') {
        const w = param(fn.word as Callee)
        body.push(`a = (sp - 1) << 3; ${w}(s, a, a - 8, a - 8); sp--`)
      } else {
        const o = param(fn)
        if (last && table.endsBlock[op] && !table.fallsThrough[op]) {
          body.push('f.sp = sp', `return ${o}(f, ${pc})`)
          emitted++
          useful++
          return done()
        }
        if (last && table.fallsThrough[op]) {
          // Continue inline only when execution falls through to the next instruction.
          body.push(`f.sp = sp; r = ${o}(f, ${pc}); if (r !== ${next}) return r; sp = f.sp`)
        } else if (table.neverHalts[op]) body.push(`f.sp = sp; ${o}(f, ${pc}); sp = f.sp`)
        else body.push(`f.sp = sp; if (${o}(f, ${pc}) < 0) return -1; sp = f.sp`)
      }
      emitted++
      if (kind !== Dispatch.Nop) useful++
      if (last) fallsTo = next
      pc = next
    }
    const nextBlock = fallsTo >= 0 ? blocks.blockOf[fallsTo] : -1
    if (nextBlock < 0 || seen.has(nextBlock) || emitted + blocks.length[nextBlock] > maxChain || seen.size >= MAX_CHAINED_BLOCKS) {
      body.push('f.sp = sp', `return ${fallsTo}`)
      return done()
    }
    // The next block's entry check, as the block loop does it; on failure the loop takes over there.
    body.push(`g = f.gasLeft - ${blocks.gas[nextBlock]}`,
      `if (sp < ${blocks.minSp[nextBlock]} || sp > ${blocks.maxSp[nextBlock]} || g < 0) { f.sp = sp; return ${fallsTo} }`,
      'f.gasLeft = g')
    block = nextBlock
  }
}

/** Whether this runtime allows `new Function` (some embedders forbid code generation). */
let codegenAllowed = true

function finish(params: Map<Callee, string>, body: string[], start: number): CompiledBlock | undefined {
  if (!codegenAllowed) return undefined
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is built from integers and fixed names only
    const factory = new Function(...params.values(), `return function block${start}(f) {\n  ${body.join('\n  ')}\n}`) as (...fns: Callee[]) => CompiledBlock
    return factory(...params.keys())
  } catch {
    // Code generation is disallowed here (e.g. a CSP or a worker runtime): stay in the block loop.
    codegenAllowed = false
    return undefined
  }
}
