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
  readonly compiled: (CompiledBlock | undefined)[]
}

/** Splits padded code into basic blocks; undefined for tables without a JUMPDEST byte (any pc may be a target). */
export function findBlocks(padded: Uint8Array, codeSize: number, table: InstructionTable): BlockTable | undefined {
  if (table.jumpdest < 0) return undefined
  const { immediateSize: imm, endsBlock, jumpdest } = table
  const isStart = new Uint8Array(padded.length)
  isStart[0] = 1
  for (let pc = 0; pc < codeSize;) {
    const op = padded[pc]
    const next = pc + 1 + imm[op]
    if (op === jumpdest) isStart[pc] = 1
    if (endsBlock[op] && next < padded.length) isStart[next] = 1
    pc = next
  }
  // Running off the end lands on the padding's STOP.
  isStart[codeSize] = 1
  const blockOf = new Int32Array(padded.length).fill(-1)
  const starts: number[] = []
  for (let pc = 0; pc < padded.length; pc++) if (isStart[pc]) { blockOf[pc] = starts.length; starts.push(pc) }
  const n = starts.length
  const start = Int32Array.from(starts)
  const length = new Int32Array(n)
  const gas = new Int32Array(n)
  const minSp = new Int32Array(n)
  const maxSp = new Int32Array(n)
  for (let b = 0; b < n; b++) {
    let pc = starts[b]
    let height = 0
    let need = 0
    let room = Number.MAX_SAFE_INTEGER
    let count = 0
    let g = 0
    for (;;) {
      const op = padded[pc]
      need = Math.max(need, table.minStack[op] - height)
      room = Math.min(room, table.maxStack[op] - height)
      height += table.stackDelta[op]
      g += table.staticGas[op]
      count++
      const next = pc + 1 + imm[op]
      if (endsBlock[op] || next >= padded.length || isStart[next]) break
      pc = next
    }
    length[b] = count
    gas[b] = Math.min(g, 0x7fffffff)
    minSp[b] = need
    maxSp[b] = room
  }
  return { blockOf, start, length, gas, minSp, maxSp, hits: new Int32Array(n), compiled: new Array<CompiledBlock | undefined>(n) }
}
