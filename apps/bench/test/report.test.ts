import { describe, expect, it } from 'vitest'
import { geometricMean, markdownTable, summarize, svgChart, type CaseResult } from '../src/report.ts'
import { batchSize, MAX_BATCH, median, SAMPLE_MS } from '../src/sampling.ts'

const result = (name: string, ratio: number, extra: Partial<CaseResult> = {}): CaseResult => ({
  name, group: 'main', gas: 1_234_567, zvmMs: 10, ethereumjsMs: 10 * ratio, zvmMgasPerSec: 123.4, ethereumjsMgasPerSec: 123.4 / ratio, ratio, ...extra,
})

describe('sampling', () => {
  it('batches short runs up to about SAMPLE_MS, long runs one at a time', () => {
    expect(batchSize(SAMPLE_MS * 3)).toBe(1)
    expect(batchSize(SAMPLE_MS)).toBe(1)
    expect(batchSize(SAMPLE_MS / 4)).toBe(4)
    expect(batchSize(SAMPLE_MS / 4.5)).toBe(5)
    expect(batchSize(1e-6)).toBe(MAX_BATCH)
    expect(batchSize(0)).toBe(MAX_BATCH)
    expect(batchSize(NaN)).toBe(MAX_BATCH)
  })
  it('median', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(3)
    expect(median([7])).toBe(7)
  })
})

describe('report', () => {
  it('geometric mean skips failed cases', () => {
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12)
    expect(geometricMean([2, 8, NaN, 0])).toBeCloseTo(4, 12)
    expect(geometricMean([])).toBe(0)
  })
  it('table: one row per case, errors shown, the method in the footer', () => {
    const results = [result('a/x', 12.345, { zvmTxMs: 20, txRatio: 6.1725 }), result('b/y', 3, { error: 'gas or status differ' })]
    const table = markdownTable(results, { ...summarize(results), repetitions: 5, sampleMs: 50, node: 'v20.20.2', load: '1.00, 0.50, 0.25' })
    const lines = table.split('\n')
    expect(lines[2]).toBe('| a/x | 1,234,567 | 10.00 | 20.00 | 123.45 | 123.4 | 10.0 | **12.35×** | 6.17× | – | – | |')
    expect(lines[3]).toContain('gas or status differ')
    expect(lines.at(-1)).toBe('Geometric-mean speed-up: **12.35×** through `Vm.call`, 6.17× through `executeTransaction` (median of 5 interleaved samples per engine, each the mean of a batch of runs lasting ≈50 ms; Node v20.20.2; load average 1.00, 0.50, 0.25).')
  })
  it('with --gc: columns with the GC, its geometric mean and the largest slowdown it causes', () => {
    const results = [
      result('a/x', 10, { zvmTxMs: 10, txRatio: 10, zvmGcMs: 15, ethereumjsGcMs: 300, gcRatio: 20, zvmGcSlowdown: 1.5 }),
      result('b/y', 40, { zvmTxMs: 10, txRatio: 40, zvmGcMs: 12, ethereumjsGcMs: 600, gcRatio: 50, zvmGcSlowdown: 1.2 }),
    ]
    const summary = summarize(results)
    expect(summary.gcGeomean).toBeCloseTo(Math.sqrt(1000), 9)
    expect(summary.worstGcSlowdown).toBe(1.5)
    const lines = markdownTable(results, { ...summary, repetitions: 5, sampleMs: 50, node: 'v20.20.2' }).split('\n')
    expect(lines[0]).toContain('| speed-up, GC | ZVM GC / no GC |')
    expect(lines[2]).toContain('| 15.00 | 300.00 | 20.00× | 1.50× |')
    expect(lines.at(-1)).toContain('with a forced full GC before every run 31.62×, ZVM at most 1.50× its own no-GC time')
  })
  it('chart: a bar per successful case, the geometric mean in the title', () => {
    const svg = svgChart([result('a/x', 12.3), result('b/y', 30), result('c/z', 1, { error: 'failed' })], 19.2)
    expect(svg.match(/<rect /g)).toHaveLength(2)
    expect(svg).toContain('geometric mean 19.20×')
    expect(svg).toContain('>30.0×<')
  })
})
