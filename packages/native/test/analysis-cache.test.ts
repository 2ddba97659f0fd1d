/** The analysis cache is bounded by bytes with least-recently-used eviction. */
import { afterEach, describe, expect, it } from 'vitest'
import { analysisCacheStats, analyze, ANALYSIS_CACHE_BYTES, setAnalysisCacheBudget } from '@zvm/core'
import { NATIVE_TABLE } from '../src/index.ts'

function code(i: number, size = 4096): Uint8Array {
  const c = new Uint8Array(size)
  c[0] = i & 0xff
  c[1] = i >> 8
  return c
}

afterEach(() => setAnalysisCacheBudget(ANALYSIS_CACHE_BYTES))

describe('analysis cache', () => {
  it('stays within its byte budget, evicting the least recently used analyses', () => {
    setAnalysisCacheBudget(256 * 1024)
    const hot = code(0xffff)
    const hotAnalysis = analyze(hot, NATIVE_TABLE)
    for (let i = 0; i < 500; i++) {
      analyze(code(i), NATIVE_TABLE)
      analyze(hot, NATIVE_TABLE)
      expect(analysisCacheStats().bytes).toBeLessThanOrEqual(256 * 1024)
    }
    // Used all along, so never evicted: the same object (and its compiled blocks) is kept.
    expect(analyze(hot, NATIVE_TABLE)).toBe(hotAnalysis)
    // An evicted code is analysed again, with the same result.
    const first = code(0)
    const again = analyze(first, NATIVE_TABLE)
    expect(again.codeSize).toBe(4096)
    expect([...again.padded.subarray(0, 4)]).toEqual([0, 0, 0, 0])
    expect(analysisCacheStats().entries).toBeLessThan(100)
  })

  it('shrinking the budget evicts down to it at once', () => {
    for (let i = 0; i < 64; i++) analyze(code(1000 + i), NATIVE_TABLE)
    setAnalysisCacheBudget(64 * 1024)
    expect(analysisCacheStats().bytes).toBeLessThanOrEqual(64 * 1024)
    expect(() => setAnalysisCacheBudget(-1)).toThrow(RangeError)
  })
})
