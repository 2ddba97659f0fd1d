/**
 * `pnpm bench`: ZVM against @ethereumjs/evm, in one process and interleaved,
 * on the standard EVM benchmarks and the solc workloads. For each case it
 * first checks both engines use the same gas, warms both up, then times
 * `--repetitions` (default 5) samples of each, alternating — a sample is the
 * mean of a batch of runs lasting about 50 ms — and reports the medians,
 * Mgas/s, the ratio and the geometric mean; peak RSS per engine per case
 * comes from separate processes. First, a startup section (startup.ts:
 * `zvm run` and a cold `import('@zvm/chain-evm')` in fresh processes, a few
 * seconds), also on a `--filter` run; `--startup` measures only that. Writes
 * bench/results.json, bench/results.md and bench/chart.svg.
 */
import { execFileSync } from 'node:child_process'
import { childExecArgv } from './child.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bytesToHex } from '@zvm/primitives'
import { DEFAULT_FIXTURES, fixtureCases, solcCases, type BenchCase } from './cases.ts'
import { runEthereumjs } from './engine-ethereumjs.ts'
import { runZvm } from './engine-zvm.ts'
import type { ExecutionTier } from '@zvm/core'
import { geometricMean, markdownTable, startupTable, svgChart, type CaseResult } from './report.ts'
import { batchSize, median, SAMPLE_MS } from './sampling.ts'
import { measureStartup } from './startup.ts'

const { values } = parseArgs({ options: { repetitions: { type: 'string' }, filter: { type: 'string' }, 'no-memory': { type: 'boolean' }, out: { type: 'string' }, tier: { type: 'string' }, startup: { type: 'boolean' } } })
const tier = values.tier as ExecutionTier | undefined
if (tier !== undefined && !['interpreter', 'blocks', 'compiled'].includes(tier)) throw new Error(`--tier must be interpreter, blocks or compiled, got ${tier}`)
const repetitions = Math.max(5, Number(values.repetitions ?? 5))
// A filtered run is partial: it never overwrites the published results unless --out says so.
const benchDir = join(import.meta.dirname, '..', '..', '..', 'bench')
const outDir = values.out ?? (values.filter || values.startup ? join(benchDir, '.tmp') : benchDir)

// Startup first, on a machine not yet warmed by the cases (fresh processes each, so nothing carries over).
const STARTUP_RUNS = 5
process.stderr.write(`startup: ${STARTUP_RUNS} fresh processes per measurement\n`)
const startup = measureStartup(STARTUP_RUNS)
const startupMd = startupTable(startup, { runs: STARTUP_RUNS, node: process.version })
if (values.startup) {
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ node: process.version, startup }, null, 2) + '\n')
  writeFileSync(join(outDir, 'results.md'), startupMd + '\n')
  process.stdout.write(`${startupMd}\n`)
  process.exit(0)
}

const cases: BenchCase[] = [...fixtureCases(DEFAULT_FIXTURES), ...solcCases()].filter((c) => !values.filter || c.name.includes(values.filter))
if (cases.length === 0) throw new Error(`no cases (fixtures at ${DEFAULT_FIXTURES}; set ZVM_EVM_BENCHMARKS)`)
process.stderr.write(`benchmarking ${cases.length} cases, ${repetitions} runs each per engine\n`)

const results: CaseResult[] = []
for (const [i, c] of cases.entries()) {
  process.stderr.write(`[${i + 1}/${cases.length}] ${c.name} `)
  const zWarm = runZvm(c, tier)
  const eWarm = await runEthereumjs(c)
  if (zWarm.gasUsed !== eWarm.gasUsed || zWarm.status !== eWarm.status) {
    const error = `gas or status differ: ZVM ${zWarm.gasUsed} ${zWarm.status}, ethereumjs ${eWarm.gasUsed} ${eWarm.status}`
    process.stderr.write(`${error}\n`)
    results.push({ name: c.name, group: c.group, gas: eWarm.gasUsed, zvmMs: NaN, ethereumjsMs: NaN, zvmMgasPerSec: NaN, ethereumjsMgasPerSec: NaN, ratio: NaN, error })
    continue
  }
  // Warm both engines up further (small cases would otherwise time the JIT compilers: V8 and the block tier).
  let zWarmMs = 0
  let eWarmMs = 0
  let warmRuns = 0
  for (let spent = 0; warmRuns < 5 || (warmRuns < 100 && spent < 1000); warmRuns++) {
    const zMs = runZvm(c, tier).ms
    const eMs = (await runEthereumjs(c)).ms
    zWarmMs += zMs
    eWarmMs += eMs
    spent += zMs + eMs
  }
  // A sample is the mean of a batch of runs lasting about SAMPLE_MS, so a sub-millisecond case is not
  // timed by a single garbage-collection pause; each run still gets a fresh state, built outside the timing.
  const zBatch = batchSize(zWarmMs / warmRuns)
  const eBatch = batchSize(eWarmMs / warmRuns)
  const z: number[] = []
  const e: number[] = []
  for (let r = 0; r < repetitions; r++) {
    let zMs = 0
    for (let b = 0; b < zBatch; b++) zMs += runZvm(c, tier).ms
    z.push(zMs / zBatch)
    let eMs = 0
    for (let b = 0; b < eBatch; b++) eMs += (await runEthereumjs(c)).ms
    e.push(eMs / eBatch)
  }
  const zvmMs = median(z)
  const ethereumjsMs = median(e)
  const result: CaseResult = {
    name: c.name, group: c.group, gas: zWarm.gasUsed, zvmMs, ethereumjsMs,
    zvmMgasPerSec: zWarm.gasUsed / zvmMs / 1000, ethereumjsMgasPerSec: zWarm.gasUsed / ethereumjsMs / 1000, ratio: ethereumjsMs / zvmMs,
  }
  if (!values['no-memory']) {
    const caseFile = join(outDir, '.tmp', 'case.json')
    mkdirSync(join(outDir, '.tmp'), { recursive: true })
    writeFileSync(caseFile, JSON.stringify({
      ...c, data: bytesToHex(c.data),
      accounts: c.accounts.map((a) => ({ ...a, balance: String(a.balance), nonce: String(a.nonce), code: bytesToHex(a.code), storage: [...a.storage].map(([k, v]) => [String(k), String(v)]) })),
    }))
    const probe = (engine: string): number => Number(execFileSync(process.execPath, [...childExecArgv(), join(import.meta.dirname, 'memory-probe.ts'), engine, caseFile], { encoding: 'utf8' }).trim())
    result.zvmPeakRssMb = probe('zvm')
    result.ethereumjsPeakRssMb = probe('ethereumjs')
  }
  results.push(result)
  process.stderr.write(`${result.ratio.toFixed(2)}× (${result.zvmMgasPerSec.toFixed(1)} vs ${result.ethereumjsMgasPerSec.toFixed(1)} Mgas/s)\n`)
}

const geomean = geometricMean(results.filter((r) => !r.error).map((r) => r.ratio))
const table = markdownTable(results, { geomean, repetitions, sampleMs: SAMPLE_MS, node: process.version })
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ node: process.version, repetitions, geomean, results, startup }, null, 2) + '\n')
writeFileSync(join(outDir, 'results.md'), `${table}\n\n${startupMd}\n`)
writeFileSync(join(outDir, 'chart.svg'), svgChart(results, geomean))
process.stdout.write(`${table}\n\n${startupMd}\n`)
