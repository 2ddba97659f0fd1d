/**
 * Code analysis, done once per code object and instruction table (evmone's
 * analysis/execution split): the code padded with 33 STOP/HALT bytes so a
 * truncated PUSH reads zeros and running off the end stops, and a map of the
 * positions a jump may land on.
 */
import { findBlocks, type BlockTable } from './blocks.ts'
import { fnv1a32 } from './fnv.ts'
import type { InstructionTable } from './table.ts'

/** Analysed code. */
export interface CodeAnalysis {
  readonly padded: Uint8Array
  readonly codeSize: number
  /** 1 at every valid jump destination. */
  readonly jumpValid: Uint8Array
  /** Basic blocks (tables with a JUMPDEST byte only), found on first use. */
  blocks: BlockTable | undefined | null
}

/** The analysis's basic blocks, computed once. */
export function blocksOf(a: CodeAnalysis, table: InstructionTable): BlockTable | undefined {
  if (a.blocks === null) a.blocks = findBlocks(a.padded, a.codeSize, table)
  return a.blocks
}

const caches = new Map<string, WeakMap<Uint8Array, CodeAnalysis>>()
// Second level, by content: the same code in a new array (a fresh state, a copied account) is
// analysed (and its hot blocks compiled) once. Bounded: cleared when it grows past the limit.
const byContent = new Map<string, Map<number, CodeAnalysis[]>>()
const CONTENT_CACHE_LIMIT = 4096
let contentEntries = 0

function sameCode(a: CodeAnalysis, code: Uint8Array): boolean {
  if (a.codeSize !== code.length) return false
  const p = a.padded
  for (let i = 0; i < code.length; i++) if (p[i] !== code[i]) return false
  return true
}

/**
 * Analyses `code` for `table` (cached by code object identity, then by content).
 *
 * @example
 * ```ts
 * import { analyze, NATIVE_TABLE } from '@zvm/core'
 * const a = analyze(new Uint8Array([0x11, 0x2a, 0xa0]), NATIVE_TABLE)
 * a.jumpValid[1] // 0: inside PUSH1 data
 * ```
 */
export function analyze(code: Uint8Array, table: InstructionTable): CodeAnalysis {
  let cache = caches.get(table.id)
  if (!cache) {
    cache = new WeakMap()
    caches.set(table.id, cache)
  }
  const hit = cache.get(code)
  if (hit) return hit
  let contents = byContent.get(table.id)
  if (!contents) {
    contents = new Map()
    byContent.set(table.id, contents)
  }
  const key = fnv1a32(code, 0, code.length)
  const same = contents.get(key)?.find((a) => sameCode(a, code))
  if (same) {
    cache.set(code, same)
    return same
  }
  const analysis = analyzeNew(code, table)
  cache.set(code, analysis)
  if (contentEntries >= CONTENT_CACHE_LIMIT) {
    for (const m of byContent.values()) m.clear()
    contentEntries = 0
  }
  contents.set(key, [...(contents.get(key) ?? []), analysis])
  contentEntries++
  return analysis
}

function analyzeNew(code: Uint8Array, table: InstructionTable): CodeAnalysis {
  const padded = new Uint8Array(code.length + 33)
  padded.set(code)
  const jumpValid = new Uint8Array(code.length)
  const imm = table.immediateSize
  const jumpdest = table.jumpdest
  for (let pc = 0; pc < code.length; ) {
    const op = code[pc]
    if (jumpdest < 0 || op === jumpdest) jumpValid[pc] = 1
    pc += 1 + imm[op]
  }
  return { padded, codeSize: code.length, jumpValid, blocks: null }
}
