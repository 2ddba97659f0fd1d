/**
 * Cold first calls: what a test suite pays for a contract it runs a handful
 * of times. Each sample is a fresh process (cold-probe.mjs, plain Node on the
 * built packages) that imports the engine, deploys the Workloads ERC-20 and
 * makes its first `transfer`; ZVM through `Vm` and through
 * `executeTransaction`, ethereumjs through `runCall`, alternating. Gas must
 * agree between the engines.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '@zvm/primitives'
import { workloadsCode } from './cases.ts'
import { median } from './sampling.ts'

export interface ColdSample { importMs: number; deployMs: number; callMs: number; deployGas: number; callGas: number; status: string }

/** Medians per engine (ms), and ethereumjs's deploy + first call over the engine's. */
export interface ColdResult {
  engine: string
  importMs: number
  deployMs: number
  callMs: number
  /** Deploy + first call. */
  firstMs: number
  /** ethereumjs's firstMs over this engine's. */
  ratio: number
  runs: number
  error?: string
}

const ENGINES = [
  { engine: 'zvm', name: 'ZVM (Vm.deploy, Vm.call)' },
  { engine: 'zvm-tx', name: 'ZVM (executeTransaction)' },
  { engine: 'ethereumjs', name: '@ethereumjs/evm (runCall)' },
] as const

/** `transfer(0x…beef, 0)`: the ERC-20's first call, on a freshly deployed contract. */
function transferData(): string {
  const selector = bytesToHex(keccak_256(new TextEncoder().encode('transfer(address,uint256)')).subarray(0, 4))
  return `${selector}${'beef'.padStart(64, '0')}${'0'.repeat(64)}`
}

/** Runs `runs` fresh processes per engine, alternating. */
export function measureCold(runs = 5): ColdResult[] {
  const creation = bytesToHex(workloadsCode().creation)
  const data = transferData()
  const samples = new Map<string, ColdSample[]>(ENGINES.map((e) => [e.engine, []]))
  const errors = new Map<string, string>()
  for (let r = 0; r < runs; r++) {
    for (const { engine } of ENGINES) {
      // Plain node on the built packages: what a user's process imports.
      const p = spawnSync(process.execPath, [join(import.meta.dirname, 'cold-probe.mjs'), engine, creation, data], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' })
      if (p.status !== 0) { errors.set(engine, `exit ${p.status}: ${(p.stderr || p.stdout).trim().split('\n')[0]}`); continue }
      samples.get(engine)!.push(JSON.parse(p.stdout) as ColdSample)
    }
  }
  const reference = samples.get('ethereumjs')![0]
  const medians = ENGINES.map(({ engine, name }) => {
    const s = samples.get(engine)!
    const bad = s.find((x) => x.status !== 'success/success' || (reference && (x.deployGas !== reference.deployGas || x.callGas !== reference.callGas)))
    const error = errors.get(engine) ?? (bad ? `status ${bad.status}, gas ${bad.deployGas}/${bad.callGas} (ethereumjs ${reference?.deployGas}/${reference?.callGas})` : undefined)
    return {
      engine: name, runs: s.length, importMs: median(s.map((x) => x.importMs)), deployMs: median(s.map((x) => x.deployMs)),
      callMs: median(s.map((x) => x.callMs)), firstMs: median(s.map((x) => x.deployMs + x.callMs)), ratio: NaN, ...(error ? { error } : {}),
    }
  })
  const ethereumjs = medians[medians.length - 1].firstMs
  for (const m of medians) m.ratio = ethereumjs / m.firstMs
  return medians
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

/** The cold section of results.md. */
export function coldTable(results: readonly ColdResult[], meta: { runs: number; node: string }): string {
  return [
    '## Cold first calls',
    '',
    '| engine | import ms | deploy ms | first transfer ms | deploy + transfer ms | speed-up | note |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.engine} | ${fmt(r.importMs)} | ${fmt(r.deployMs, 2)} | ${fmt(r.callMs, 2)} | ${fmt(r.firstMs, 2)} | **${fmt(r.ratio, 2)}×** | ${r.error ?? ''} |`),
    '',
    `Median of ${meta.runs} fresh processes per engine, alternating (plain Node ${meta.node} on the built packages): import the engine, deploy the Workloads ERC-20 (engine setup included), then its first \`transfer\`. Speed-up: ethereumjs's deploy + transfer time over the engine's.`,
  ].join('\n')
}
