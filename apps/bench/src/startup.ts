/**
 * Startup: what a user waits for before anything runs. Each measurement is
 * the median of `runs` fresh Node processes (the file cache is warm, the
 * process is not): Node itself, `zvm run` of the bundled counter from the
 * build (`node apps/cli/dist/bin.js`) and through scripts/zvm.mjs (what
 * `pnpm zvm` runs, its build check included; pnpm's own start is not
 * counted), and a cold `import('@zvm/chain-evm')` timed inside the process.
 * The CLI is built first if stale (scripts/zvm.mjs), outside the timing.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { StartupResult } from './report.ts'
import { median } from './sampling.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const COUNTER = join('examples', 'counter.zasm')
const IMPORT_EVM = "const t = performance.now(); await import('@zvm/chain-evm'); process.stdout.write(String(performance.now() - t))"

interface Probe { name: string, command: string, args: string[], cwd: string, inProcess?: boolean }

const PROBES: Probe[] = [
  { name: 'Node itself', command: 'node -e 0', args: ['-e', '0'], cwd: ROOT },
  { name: 'zvm run (built)', command: `node apps/cli/dist/bin.js run ${COUNTER}`, args: [join('apps', 'cli', 'dist', 'bin.js'), 'run', COUNTER], cwd: ROOT },
  { name: 'zvm run (scripts/zvm.mjs, as pnpm zvm)', command: `node scripts/zvm.mjs run ${COUNTER}`, args: [join('scripts', 'zvm.mjs'), 'run', COUNTER], cwd: ROOT },
  { name: "import('@zvm/chain-evm'), cold", command: 'cd apps/cli && node --input-type=module -e "await import(\'@zvm/chain-evm\')"', args: ['--input-type=module', '-e', IMPORT_EVM], cwd: join(ROOT, 'apps', 'cli'), inProcess: true },
]

function measure(probe: Probe, runs: number): StartupResult {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    // Plain node: no tsx loader, no source condition (the harness's own flags are not passed on).
    const r = spawnSync(process.execPath, probe.args, { cwd: probe.cwd, encoding: 'utf8' })
    const wallMs = performance.now() - start
    if (r.status !== 0) return { name: probe.name, command: probe.command, medianMs: NaN, minMs: NaN, runs: i, error: `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}` }
    times.push(probe.inProcess ? Number(r.stdout) : wallMs)
  }
  return { name: probe.name, command: probe.command, medianMs: median(times), minMs: Math.min(...times), runs }
}

/** Builds the CLI if needed, then times each probe in `runs` fresh processes. */
export function measureStartup(runs = 5): StartupResult[] {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'zvm.mjs'), '--version'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (build.status !== 0) {
    const error = `the CLI did not build (scripts/zvm.mjs exit ${build.status})`
    return PROBES.map((p) => ({ name: p.name, command: p.command, medianMs: NaN, minMs: NaN, runs: 0, error }))
  }
  return PROBES.map((p) => measure(p, runs))
}
