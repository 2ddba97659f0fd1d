/** Results: the Markdown table and the SVG chart of speed-up ratios. */

export interface CaseResult {
  name: string
  group: string
  gas: number
  zvmMs: number
  ethereumjsMs: number
  zvmMgasPerSec: number
  ethereumjsMgasPerSec: number
  ratio: number
  zvmPeakRssMb?: number
  ethereumjsPeakRssMb?: number
  /** The same message through `executeTransaction` (validation, gas purchase, refunds included). */
  zvmTxMs?: number
  txRatio?: number
  /** With `--gc`: a forced full GC before every run (outside the timing). */
  zvmGcMs?: number
  ethereumjsGcMs?: number
  gcRatio?: number
  /** ZVM's time with the GC over its time without. */
  zvmGcSlowdown?: number
  /** With `--revm`: revm's time through anvil, RPC overhead subtracted, and ZVM's `Vm.call` time over it. */
  revmMs?: number
  revmOverheadMs?: number
  zvmOverRevm?: number
  revmError?: string
  error?: string
}

/** One startup measurement (startup.ts), in milliseconds. */
export interface StartupResult {
  name: string
  command: string
  medianMs: number
  minMs: number
  runs: number
  error?: string
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

export function geometricMean(values: number[]): number {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v))
  return ok.length === 0 ? 0 : Math.exp(ok.reduce((s, v) => s + Math.log(v), 0) / ok.length)
}

/** Geometric means of the run's ratios (each measured within this run). */
export interface Summary {
  geomean: number
  txGeomean: number
  gcGeomean?: number
  /** Largest ZVM time with GC over its time without. */
  worstGcSlowdown?: number
}

/** Geometric means over the cases that ran. */
export function summarize(results: readonly CaseResult[]): Summary {
  const ok = results.filter((r) => !r.error)
  const withGc = ok.filter((r) => r.gcRatio !== undefined)
  return {
    geomean: geometricMean(ok.map((r) => r.ratio)),
    txGeomean: geometricMean(ok.map((r) => r.txRatio ?? NaN)),
    ...(withGc.length > 0 ? { gcGeomean: geometricMean(withGc.map((r) => r.gcRatio!)), worstGcSlowdown: Math.max(...withGc.map((r) => r.zvmGcSlowdown!)) } : {}),
  }
}

export function markdownTable(results: CaseResult[], meta: Summary & { repetitions: number; sampleMs: number; node: string; load?: string }): string {
  const gc = meta.gcGeomean !== undefined
  const gcHead = gc ? ' ZVM ms, GC | ethereumjs ms, GC | speed-up, GC | ZVM GC / no GC |' : ''
  const rows = results.map((r) => r.error
    ? `| ${r.name} | ${r.gas} | – | – | – | – | – | – | – |${gc ? ' – | – | – | – |' : ''} – | – | ${r.error} |`
    : `| ${r.name} | ${r.gas.toLocaleString('en-US')} | ${fmt(r.zvmMs, 2)} | ${fmt(r.zvmTxMs ?? NaN, 2)} | ${fmt(r.ethereumjsMs, 2)} | ${fmt(r.zvmMgasPerSec)} | ${fmt(r.ethereumjsMgasPerSec)} | **${fmt(r.ratio, 2)}×** | ${fmt(r.txRatio ?? NaN, 2)}× |`
      + (gc ? ` ${fmt(r.zvmGcMs ?? NaN, 2)} | ${fmt(r.ethereumjsGcMs ?? NaN, 2)} | ${fmt(r.gcRatio ?? NaN, 2)}× | ${fmt(r.zvmGcSlowdown ?? NaN, 2)}× |` : '')
      + ` ${fmt(r.zvmPeakRssMb ?? NaN, 0)} | ${fmt(r.ethereumjsPeakRssMb ?? NaN, 0)} | |`)
  return [
    `| case | gas | ZVM ms | ZVM tx ms | ethereumjs ms | ZVM Mgas/s | ethereumjs Mgas/s | speed-up | speed-up, tx |${gcHead} ZVM peak RSS MB | ethereumjs peak RSS MB | note |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|${gc ? '---:|---:|---:|---:|' : ''}---:|---:|---|`,
    ...rows,
    '',
    `Geometric-mean speed-up: **${fmt(meta.geomean, 2)}×** through \`Vm.call\`, ${fmt(meta.txGeomean, 2)}× through \`executeTransaction\``
      + (gc ? `; with a forced full GC before every run ${fmt(meta.gcGeomean!, 2)}×, ZVM at most ${fmt(meta.worstGcSlowdown!, 2)}× its own no-GC time` : '')
      + ` (median of ${meta.repetitions} interleaved samples per engine, each the mean of a batch of runs lasting ≈${meta.sampleMs} ms${gc ? ', at most 20 runs with GC' : ''}; Node ${meta.node}${meta.load ? `; load average ${meta.load}` : ''}).`,
  ].join('\n')
}

/** The native-anchor section of results.md: ZVM's time over revm's, per case and as a geometric mean. */
export function revmTable(results: readonly CaseResult[]): string {
  const ok = results.filter((r) => !r.error && !r.revmError && r.zvmOverRevm !== undefined)
  return [
    '## Native anchor: revm',
    '',
    '| case | ZVM ms | revm ms | RPC overhead ms | ZVM / revm | note |',
    '|---|---:|---:|---:|---:|---|',
    ...results.filter((r) => !r.error).map((r) => `| ${r.name} | ${fmt(r.zvmMs, 2)} | ${fmt(r.revmMs ?? NaN, 3)} | ${fmt(r.revmOverheadMs ?? NaN, 3)} | **${fmt(r.zvmOverRevm ?? NaN, 2)}** | ${r.revmError ?? ''} |`),
    '',
    `Geometric mean of ZVM's time over revm's: **${fmt(geometricMean(ok.map((r) => r.zvmOverRevm!)), 2)}** over ${ok.length} cases (below 1: ZVM faster). revm is Foundry's anvil (npm @foundry-rs/anvil-linux-amd64): eth_call on the case's accounts, the median time of the same call to a STOP contract subtracted; anvil's inspectors still run, so revm's times are upper bounds. Output and transaction gas are checked against ZVM's first.`,
  ].join('\n')
}

/** The startup section of results.md. */
export function startupTable(results: StartupResult[], meta: { runs: number; node: string }): string {
  return [
    '## Startup',
    '',
    '| what | command | median ms | min ms | note |',
    '|---|---|---:|---:|---|',
    ...results.map((r) => `| ${r.name} | \`${r.command}\` | ${fmt(r.medianMs, 0)} | ${fmt(r.minMs, 0)} | ${r.error ?? ''} |`),
    '',
    `Median of ${meta.runs} fresh processes each (file cache warm); the first three are wall times of the whole process, the import is timed inside its process (Node ${meta.node}).`,
  ].join('\n')
}

export function svgChart(results: CaseResult[], geomean: number): string {
  const ok = results.filter((r) => !r.error)
  const barHeight = 18
  const left = 260
  const width = 760
  const max = Math.max(2, ...ok.map((r) => r.ratio), geomean) * 1.1
  const scale = (v: number): number => Math.max(1, ((width - left - 60) * Math.log10(1 + v)) / Math.log10(1 + max))
  const rows = ok.map((r, i) => {
    const y = 30 + i * (barHeight + 4)
    return `<text x="${left - 8}" y="${y + 13}" text-anchor="end" font-size="11">${r.name}</text>`
      + `<rect x="${left}" y="${y}" width="${scale(r.ratio).toFixed(1)}" height="${barHeight}" fill="${r.group === 'solc' ? '#4a7' : r.group === 'micro' ? '#79b' : '#36a'}"/>`
      + `<text x="${(left + scale(r.ratio) + 4).toFixed(1)}" y="${y + 13}" font-size="11">${r.ratio.toFixed(1)}×</text>`
  })
  const height = 50 + ok.length * (barHeight + 4)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`
    + `<text x="10" y="18" font-size="13" font-weight="bold">ZVM speed-up over @ethereumjs/evm (log scale); geometric mean ${geomean.toFixed(2)}×</text>`
    + rows.join('') + `</svg>\n`
}
