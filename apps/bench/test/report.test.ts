import { describe, expect, it } from 'vitest'
import { geometricMean, markdownTable, svgChart, type CaseResult } from '../src/report.ts'
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
    const table = markdownTable([result('a/x', 12.345), result('b/y', 3, { error: 'gas or status differ' })], { geomean: 6.08, repetitions: 5, sampleMs: 50, node: 'v20.20.2' })
    const lines = table.split('\n')
    expect(lines[2]).toBe('| a/x | 1,234,567 | 10.00 | 123.45 | 123.4 | 10.0 | **12.35×** | – | – | |')
    expect(lines[3]).toContain('gas or status differ')
    expect(lines.at(-1)).toBe('Geometric-mean speed-up: **6.08×** (median of 5 interleaved samples per engine, each the mean of a batch of runs lasting ≈50 ms; Node v20.20.2).')
  })
  it('chart: a bar per successful case, the geometric mean in the title', () => {
    const svg = svgChart([result('a/x', 12.3), result('b/y', 30), result('c/z', 1, { error: 'failed' })], 19.2)
    expect(svg.match(/<rect /g)).toHaveLength(2)
    expect(svg).toContain('geometric mean 19.20×')
    expect(svg).toContain('>30.0×<')
  })
})
