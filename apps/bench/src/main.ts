/**
 * `pnpm bench`: ZVM against @ethereumjs/evm, in one process and interleaved,
 * on the standard EVM benchmarks and the solc workloads. For each case it
 * first checks both engines use the same gas, warms both up, then times
 * `--repetitions` (default 5) samples of each, alternating — a sample is the
 * mean of a batch of runs lasting about 50 ms — and reports the medians,
 * Mgas/s, the ratio and the geometric mean; peak RSS per engine per case
 * comes from separate processes. First, a startup section (startup.ts:
 * `zvm run` and a cold `import('@zvm/chain-evm')` in fresh processes, a few
 * seconds), also on a `--filter` run; `--startup` measures only that. With
 * `--revm`, every case also runs on native revm (revm.ts) and the table gains
 * ZVM's time over revm's. Writes bench/results.json, bench/results.md and
 * bench/chart.svg.
 */
import { execFileSync } from 'node:child_process'
import { childExecArgv } from './child.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { bytesToHex } from '@zvm/primitives'
import { DEFAULT_FIXTURES, fixtureCases, solcCases, type BenchCase } from './cases.ts'
import { runEthereumjs } from './engine-ethereumjs.ts'
import { runZvm, runZvmTransaction, type BeforeRun, type Timed } from './engine-zvm.ts'
import type { ExecutionTier } from '@zvm/core'
import { markdownTable, revmTable, summarize, startupTable, svgChart, type CaseResult } from './report.ts'
import { batchSize, median, SAMPLE_MS } from './sampling.ts'
import { measureStartup } from './startup.ts'
import { coldTable, measureCold } from './cold.ts'
import { loadavg } from 'node:os'
import { Anvil, ANVIL_PACKAGE, measureRevm } from './revm.ts'

const { values } = parseArgs({ options: {
  repetitions: { type: 'string' }, filter: { type: 'string' }, 'no-memory': { type: 'boolean' }, out: { type: 'string' }, tier: { type: 'string' },
  startup: { type: 'boolean' }, gc: { type: 'boolean' }, cold: { type: 'boolean' }, revm: { type: 'boolean' },
} })
const tier = values.tier as ExecutionTier | undefined
if (tier !== undefined && !['interpreter', 'blocks', 'compiled'].includes(tier)) throw new Error(`--tier must be interpreter, blocks or compiled, got ${tier}`)
const repetitions = Math.max(5, Number(values.repetitions ?? 5))
/** `--gc`: also time each case with a forced full garbage collection before every run. */
const gc: BeforeRun = values.gc ? exposeGc() : undefined
/** Most runs per sample with `--gc` (each run pays a full GC outside the timing). */
const GC_MAX_BATCH = 20

/** The machine's load averages (1, 5, 15 minutes): the numbers are only comparable at similar load. */
function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(', ')
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
// A filtered run is partial: it never overwrites the published results unless --out says so.
const benchDir = join(import.meta.dirname, '..', '..', '..', 'bench')
const outDir = values.out ?? (values.filter || values.startup || values.cold ? join(benchDir, '.tmp') : benchDir)

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

// Cold first calls, also before the cases warm the machine (fresh processes on the built packages, built by the startup check).
const COLD_RUNS = 7
process.stderr.write(`cold first calls: ${COLD_RUNS} fresh processes per engine\n`)
const cold = measureCold(COLD_RUNS)
const coldMd = coldTable(cold, { runs: COLD_RUNS, node: process.version })
process.stderr.write(`${coldMd}\n`)
if (values.cold) {
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ node: process.version, load: loadAverage(), cold }, null, 2) + '\n')
  writeFileSync(join(outDir, 'results.md'), coldMd + '\n')
  process.stdout.write(`${coldMd}\n`)
  process.exit(0)
}

const cases: BenchCase[] = [...fixtureCases(DEFAULT_FIXTURES), ...solcCases()].filter((c) => !values.filter || c.name.includes(values.filter))
if (cases.length === 0) throw new Error(`no cases (fixtures at ${DEFAULT_FIXTURES}; set ZVM_EVM_BENCHMARKS)`)
process.stderr.write(`benchmarking ${cases.length} cases, ${repetitions} runs each per engine\n`)

const results: CaseResult[] = []
// The native anchor: one anvil for the whole run.
let anvil: Anvil | undefined
if (values.revm) {
  process.stderr.write(`native anchor: starting anvil (${process.env.ZVM_ANVIL ?? `npx ${ANVIL_PACKAGE}`})\n`)
  anvil = await Anvil.start()
  process.on('exit', () => anvil?.stop())
}
type Run = (c: BenchCase, beforeRun?: BeforeRun) => Timed | Promise<Timed>
const zvmCall: Run = (c, beforeRun) => runZvm(c, tier, beforeRun)
const zvmTx: Run = (c, beforeRun) => runZvmTransaction(c, tier, beforeRun)
const ethereumjs: Run = (c, beforeRun) => runEthereumjs(c, beforeRun)

/**
 * Median over `repetitions` samples of each engine, interleaved; a sample is
 * the mean of `batch[i]` runs (each on a fresh state, `beforeRun` before each,
 * outside the timing).
 */
async function sample(c: BenchCase, runs: readonly Run[], batch: readonly number[], beforeRun?: BeforeRun): Promise<number[]> {
  const samples = runs.map((): number[] => [])
  for (let r = 0; r < repetitions; r++) {
    for (const [i, run] of runs.entries()) {
      let ms = 0
      for (let b = 0; b < batch[i]; b++) ms += (await run(c, beforeRun)).ms
      samples[i].push(ms / batch[i])
    }
  }
  return samples.map(median)
}

for (const [i, c] of cases.entries()) {
  process.stderr.write(`[${i + 1}/${cases.length}] ${c.name} `)
  const zWarm = runZvm(c, tier)
  const tWarm = runZvmTransaction(c, tier)
  const eWarm = await runEthereumjs(c)
  const differ = [zWarm, tWarm].find((z) => z.gasUsed !== eWarm.gasUsed || z.status !== eWarm.status)
  if (differ !== undefined) {
    const error = `gas or status differ: ZVM ${zWarm.gasUsed} ${zWarm.status}, ZVM transaction ${tWarm.gasUsed} ${tWarm.status}, ethereumjs ${eWarm.gasUsed} ${eWarm.status}`
    process.stderr.write(`${error}\n`)
    results.push({ name: c.name, group: c.group, gas: eWarm.gasUsed, zvmMs: NaN, ethereumjsMs: NaN, zvmMgasPerSec: NaN, ethereumjsMgasPerSec: NaN, ratio: NaN, error })
    continue
  }
  // Warm the engines up further (small cases would otherwise time the JIT compilers: V8 and the block tier).
  const engines = [zvmCall, zvmTx, ethereumjs]
  const warmMs = engines.map(() => 0)
  let warmRuns = 0
  for (let spent = 0; warmRuns < 5 || (warmRuns < 100 && spent < 1500); warmRuns++) {
    for (const [k, run] of engines.entries()) {
      const ms = (await run(c)).ms
      warmMs[k] += ms
      spent += ms
    }
  }
  // A sample is the mean of a batch of runs lasting about SAMPLE_MS, so a sub-millisecond case is not
  // timed by a single garbage-collection pause; each run still gets a fresh state, built outside the timing.
  const batch = warmMs.map((ms) => batchSize(ms / warmRuns))
  const [zvmMs, zvmTxMs, ethereumjsMs] = await sample(c, engines, batch)
  const result: CaseResult = {
    name: c.name, group: c.group, gas: zWarm.gasUsed, zvmMs, ethereumjsMs,
    zvmMgasPerSec: zWarm.gasUsed / zvmMs / 1000, ethereumjsMgasPerSec: zWarm.gasUsed / ethereumjsMs / 1000, ratio: ethereumjsMs / zvmMs,
    zvmTxMs, txRatio: ethereumjsMs / zvmTxMs,
  }
  if (gc !== undefined) {
    // A forced full GC before every run (outside the timing), as the host process of an embedded engine causes them.
    // Fewer runs per sample: each costs a full GC.
    const gcBatch = [batch[0], batch[2]].map((b) => Math.min(b, GC_MAX_BATCH))
    const [zvmGcMs, ethereumjsGcMs] = await sample(c, [zvmCall, ethereumjs], gcBatch, gc)
    Object.assign(result, { zvmGcMs, ethereumjsGcMs, gcRatio: ethereumjsGcMs / zvmGcMs, zvmGcSlowdown: zvmGcMs / zvmMs })
  }
  if (anvil !== undefined) {
    const revm = await measureRevm(anvil, c, { returnData: bytesToHex(zWarm.output ?? new Uint8Array()), transactionGas: tWarm.transactionGas ?? -1n }, repetitions)
    Object.assign(result, { revmMs: revm.revmMs, revmOverheadMs: revm.overheadMs, zvmOverRevm: zvmMs / revm.revmMs, ...(revm.error ? { revmError: revm.error } : {}) })
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
  const gcNote = result.gcRatio === undefined ? '' : `; with GC ${result.gcRatio.toFixed(2)}×, ZVM ${result.zvmGcSlowdown!.toFixed(2)}× its no-GC time`
  const revmNote = result.revmError ? `; revm: ${result.revmError}` : result.zvmOverRevm === undefined ? '' : `; ZVM/revm ${result.zvmOverRevm.toFixed(2)}`
  process.stderr.write(`${result.ratio.toFixed(2)}× (${result.zvmMgasPerSec.toFixed(1)} vs ${result.ethereumjsMgasPerSec.toFixed(1)} Mgas/s), transaction ${result.txRatio!.toFixed(2)}×${gcNote}${revmNote}\n`)
}

anvil?.stop()
const summary = summarize(results)
const geomean = summary.geomean
const table = markdownTable(results, { ...summary, repetitions, sampleMs: SAMPLE_MS, node: process.version, load: loadAverage() })
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ node: process.version, load: loadAverage(), repetitions, ...summary, results, startup, cold }, null, 2) + '\n')
const revmMd = anvil === undefined ? '' : `${revmTable(results)}\n\n`
writeFileSync(join(outDir, 'results.md'), `${table}\n\n${revmMd}${coldMd}\n\n${startupMd}\n`)
writeFileSync(join(outDir, 'chart.svg'), svgChart(results, geomean))
process.stdout.write(`${table}\n\n${revmMd}${coldMd}\n\n${startupMd}\n`)
