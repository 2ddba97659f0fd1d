/**
 * Basic blocks (evmone's "advanced" analysis): for tables with a JUMPDEST
 * byte, code splits into straight-line blocks that start at offset 0, at
 * every JUMPDEST and after every block-ending instruction. A block's static
 * gas and stack bounds are checked once at its start; the instructions then
 * run without per-instruction checks. Blocks that stay hot are compiled to a
 * JavaScript function that calls each instruction's operation directly
 * (call sites V8 can inline), see compile.ts.
 */
import type { Frame } from './frame.ts'
import type { InstructionTable } from './table.ts'

/** A compiled block: runs its instructions and returns the next pc, or -1 after a halt. */
export type CompiledBlock = (f: Frame) => number

export interface BlockTable {
  /** Block index per padded-code offset, -1 where no block starts. */
  readonly blockOf: Int32Array
  readonly start: Int32Array
  /** Instructions in the block. */
  readonly length: Int32Array
  /** Sum of the instructions' static gas. */
  readonly gas: Int32Array
  /** Stack height bounds at block entry that make every instruction's stack check pass. */
  readonly minSp: Int32Array
  readonly maxSp: Int32Array
  /** Executions so far (for compiling hot blocks). */
  readonly hits: Int32Array
  /** Executions within the message numbered `epoch` (for the inline level). */
  readonly messageHits: Int32Array
  readonly epoch: Int32Array
  readonly compiled: (CompiledBlock | undefined)[]
  /** 0: not compiled, 1: compiled to calls, 2: compiled with stack operations inline. */
  readonly level: Uint8Array
  /** Instructions that may still be compiled for this code (bounds compile work on pathological code). */
  compileBudget: number
  /** Bytes held: the tables plus an estimate of compiled functions (counted by the analysis cache). */
  bytes: number
  /** Whether the analysis cache counts this table against its budget. */
  cached: boolean
}

// Per block entry: seven 4-byte fields, the level byte and a slot in `compiled`.
const BYTES_PER_BLOCK = 7 * 4 + 1 + 8

/**
 * Finds the block entries of padded code; undefined for tables without a
 * JUMPDEST byte (any instruction may be a jump target there).
 *
 * Code splits into runs that end at a block-ending instruction. A run is
 * entered at its start, or at any JUMPDEST inside it by a jump; each entry
 * covers the rest of its run, so falling through a JUMPDEST needs no new
 * check. Entry bounds come from one backward pass per run.
 */
/** Longest run of instructions in one block (longer straight-line code continues in the next block). */
export const MAX_RUN = 256

export function findBlocks(padded: Uint8Array, codeSize: number, table: InstructionTable): BlockTable | undefined {
  if (table.jumpdest < 0) return undefined
  const { immediateSize: imm, endsBlock, jumpdest } = table
  const runStart = new Uint8Array(padded.length)
  runStart[0] = 1
  for (let pc = 0, count = 0; pc < codeSize;) {
    const op = padded[pc]
    const next = pc + 1 + imm[op]
    // Long straight-line code is cut into runs of at most MAX_RUN so each compiles to a function V8 optimizes.
    if ((endsBlock[op] || ++count >= MAX_RUN) && next < padded.length) {
      runStart[next] = 1
      count = 0
    }
    pc = next
  }
  // Running off the end lands on the padding's STOP.
  runStart[codeSize] = 1
  const blockOf = new Int32Array(padded.length).fill(-1)
  const start: number[] = []
  const length: number[] = []
  const gas: number[] = []
  const minSp: number[] = []
  const maxSp: number[] = []
  const pcs: number[] = []
  for (let r = 0; r < padded.length; r++) {
    if (!runStart[r]) continue
    pcs.length = 0
    for (let pc = r; ;) {
      pcs.push(pc)
      const op = padded[pc]
      const next = pc + 1 + imm[op]
      if (endsBlock[op] || next >= padded.length || runStart[next]) break
      pc = next
    }
    // Backward: what entering at each instruction needs to run to the end of the run.
    let g = 0
    let need = 0
    let room = Number.MAX_SAFE_INTEGER
    for (let i = pcs.length - 1; i >= 0; i--) {
      const pc = pcs[i]
      const op = padded[pc]
      const delta = table.stackDelta[op]
      g += table.staticGas[op]
      need = Math.max(table.minStack[op], need - delta)
      room = Math.min(table.maxStack[op], room - delta)
      if (i === 0 || op === jumpdest) {
        blockOf[pc] = start.length
        start.push(pc)
        length.push(pcs.length - i)
        gas.push(Math.min(g, 0x7fffffff))
        minSp.push(need)
        maxSp.push(room)
      }
    }
  }
  const n = start.length
  return {
    blockOf, start: Int32Array.from(start), length: Int32Array.from(length), gas: Int32Array.from(gas),
    minSp: Int32Array.from(minSp), maxSp: Int32Array.from(maxSp), hits: new Int32Array(n),
    messageHits: new Int32Array(n), epoch: new Int32Array(n).fill(-1),
    compiled: new Array<CompiledBlock | undefined>(n), level: new Uint8Array(n), compileBudget: 4 * codeSize + 4096,
    bytes: 4 * padded.length + BYTES_PER_BLOCK * n + 512, cached: false,
  }
}
