/**
 * Code analysis, done once per code object and instruction table (evmone's
 * analysis/execution split): the code padded with 33 STOP/HALT bytes so a
 * truncated PUSH reads zeros and running off the end stops, and a map of the
 * positions a jump may land on. Basic blocks are found only once the code is
 * warm (see {@link WARM_STEPS_PER_BYTE}): cold code runs in the
 * per-instruction loop, so a transaction touching thousands of large contracts
 * costs what the interpreter costs.
 *
 * Analyses are cached by code object and by content, in a cache bounded by
 * bytes ({@link ANALYSIS_CACHE_BYTES}) with least-recently-used eviction.
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
  /** Basic blocks (tables with a JUMPDEST byte only); null until the code is warm. */
  blocks: BlockTable | undefined | null
  /** Instructions run in the per-instruction loop while the code was cold. */
  coldSteps: number
}

/**
 * Default byte budget of the analysis cache (padded code, jump maps, block
 * tables and an estimate of compiled functions). 64 MiB holds the analysis of
 * ~1,300 maximum-size (24 KB) contracts, or of tens of thousands of typical ones.
 */
export const ANALYSIS_CACHE_BYTES = 64 * 1024 * 1024

/**
 * Instructions per byte of code that a code runs in the per-instruction loop
 * before its basic blocks are found. Finding blocks costs a few passes over
 * the code, about what interpreting that many instructions costs, so code
 * that runs once pays no more than the interpreter.
 */
export const WARM_STEPS_PER_BYTE = 1

/** Cache bookkeeping for one analysis. */
interface Entry {
  analysis: CodeAnalysis | undefined
  /** The table's by-content index this entry is listed in. */
  readonly contents: Map<number, Entry[]>
  readonly key: number
  /** Bytes counted for the analysis without its blocks. */
  readonly baseBytes: number
  lastUse: number
}

// Keyed by the table object: two tables never share an analysis, whatever their ids.
const caches = new WeakMap<InstructionTable, WeakMap<Uint8Array, Entry>>()
// Second level, by content: the same code in a new array (a fresh state, a copied account) is
// analysed (and its hot blocks compiled) once.
const byContent = new WeakMap<InstructionTable, Map<number, Entry[]>>()
const live: Entry[] = []
const entryOf = new WeakMap<CodeAnalysis, Entry>()
let budget = ANALYSIS_CACHE_BYTES
let cachedBytes = 0
let tick = 0

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
 * import { analyze } from '@zvm/core'
 * // NATIVE_TABLE comes from @zvm/native
 * const a = analyze(new Uint8Array([0x11, 0x2a, 0xa0]), NATIVE_TABLE)
 * a.jumpValid[1] // 0: inside PUSH1 data
 * ```
 */
export function analyze(code: Uint8Array, table: InstructionTable): CodeAnalysis {
  let cache = caches.get(table)
  if (!cache) {
    cache = new WeakMap()
    caches.set(table, cache)
  }
  const hit = cache.get(code)
  if (hit?.analysis) {
    hit.lastUse = ++tick
    return hit.analysis
  }
  let contents = byContent.get(table)
  if (!contents) {
    contents = new Map()
    byContent.set(table, contents)
  }
  const key = fnv1a32(code, 0, code.length)
  const same = contents.get(key)?.find((e) => sameCode(e.analysis!, code))
  if (same) {
    same.lastUse = ++tick
    cache.set(code, same)
    return same.analysis!
  }
  const analysis = analyzeNew(code, table)
  const entry: Entry = { analysis, contents, key, baseBytes: analysis.padded.length + analysis.jumpValid.length + 256, lastUse: ++tick }
  cache.set(code, entry)
  entryOf.set(analysis, entry)
  contents.set(key, [...(contents.get(key) ?? []), entry])
  live.push(entry)
  cachedBytes += entry.baseBytes
  if (cachedBytes > budget) evict(analysis, budget * 0.75)
  return analysis
}

/** The analysis's basic blocks, found once (counted against the cache's budget). */
export function blocksOf(a: CodeAnalysis, table: InstructionTable): BlockTable | undefined {
  if (a.blocks === null) {
    a.blocks = findBlocks(a.padded, a.codeSize, table)
    if (a.blocks !== undefined && entryOf.get(a)?.analysis === a) {
      a.blocks.cached = true
      cachedBytes += a.blocks.bytes
      if (cachedBytes > budget) evict(a, budget * 0.75)
    }
  }
  return a.blocks
}

/** Counts `bytes` more against the budget for compiled functions of `blocks`. */
export function addCompiledBytes(blocks: BlockTable, bytes: number): void {
  blocks.bytes += bytes
  if (blocks.cached) cachedBytes += bytes
}

/** Whether the code of `a` has run enough instructions to be worth finding its blocks. */
export function isWarm(a: CodeAnalysis): boolean {
  return a.coldSteps >= a.codeSize * WARM_STEPS_PER_BYTE
}

function entryBytes(e: Entry): number {
  const b = e.analysis?.blocks
  return e.baseBytes + (b ? b.bytes : 0)
}

/**
 * Drops least recently used analyses until the cache holds at most `target`
 * bytes (callers pass 3/4 of the budget, so the sort is amortised over many
 * insertions). `keep` (the analysis just made) stays. Frames running an
 * evicted analysis keep their own references; the code is analysed again if
 * it runs later.
 */
function evict(keep: CodeAnalysis | undefined, target: number): void {
  live.sort((x, y) => x.lastUse - y.lastUse)
  let kept = 0
  for (const e of live) {
    if (cachedBytes <= target || e.analysis === keep) {
      live[kept++] = e
      continue
    }
    cachedBytes -= entryBytes(e)
    if (e.analysis?.blocks) e.analysis.blocks.cached = false
    e.analysis = undefined
    const list = e.contents.get(e.key)?.filter((x) => x !== e)
    if (list === undefined || list.length === 0) e.contents.delete(e.key)
    else e.contents.set(e.key, list)
  }
  live.length = kept
}

/** Size of the analysis cache: bytes counted, analyses held and the budget. */
export interface AnalysisCacheStats {
  readonly bytes: number
  readonly entries: number
  readonly budget: number
}

/**
 * The analysis cache's current size.
 *
 * @example
 * ```ts
 * import { analysisCacheStats } from '@zvm/core'
 * analysisCacheStats().bytes <= analysisCacheStats().budget // true
 * ```
 */
export function analysisCacheStats(): AnalysisCacheStats {
  return { bytes: cachedBytes, entries: live.length, budget }
}

/**
 * Sets the analysis cache's byte budget (default {@link ANALYSIS_CACHE_BYTES})
 * and evicts down to it. Process-wide, like the cache.
 *
 * @example
 * ```ts
 * import { setAnalysisCacheBudget, ANALYSIS_CACHE_BYTES } from '@zvm/core'
 * setAnalysisCacheBudget(ANALYSIS_CACHE_BYTES)
 * ```
 */
export function setAnalysisCacheBudget(bytes: number): void {
  if (!(bytes >= 0)) throw new RangeError(`analysis cache budget must be a non-negative number, got ${bytes}`)
  budget = bytes
  if (cachedBytes > budget) evict(undefined, budget)
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
  return { padded, codeSize: code.length, jumpValid, blocks: null, coldSteps: 0 }
}
