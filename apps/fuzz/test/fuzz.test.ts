/**
 * A short deterministic run of each target (fixed seed): no findings, and
 * proof the run exercised things (successes, reverts, out-of-gas, typed
 * errors), so the test fails if generation stops reaching the engines.
 */
import { describe, expect, it } from 'vitest'
import { minimise } from '../src/minimise.ts'
import { parseOptions } from '../src/options.ts'
import { Rng } from '../src/rng.ts'
import { runTarget } from '../src/targets/index.ts'
import { sorobanFixtures } from '../src/targets/soroban.ts'
import type { TargetName, TargetReport } from '../src/types.ts'

const SEED = 17
const run = (target: TargetName, programs: number): Promise<TargetReport> =>
  runTarget(target, { programs, deadline: Infinity }, { seed: SEED, forks: ['Cancun', 'Prague'], hangMs: 20_000 })
const count = (r: TargetReport, re: RegExp): number => Object.entries(r.outcomes).filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0)

describe('pnpm fuzz targets (seed 17)', () => {
  it('evm: ZVM in every tier matches @ethereumjs/evm (Cancun and Prague, generated and mutated solc)', async () => {
    const r = await run('evm', 250)
    expect(r.findings).toEqual([])
    expect(r.programs).toBe(250)
    expect(r.runs).toBeGreaterThan(250 * 6)
    for (const outcome of ['success', 'revert', 'OutOfGas', 'InvalidJump', 'program', 'solc']) expect(r.outcomes[outcome], outcome).toBeGreaterThan(0)
  })

  it('native: typed results within gas, deterministic, containers and assembly refused with typed errors', async () => {
    const r = await run('native', 1500)
    expect(r.findings).toEqual([])
    for (const outcome of ['success', 'revert', 'OutOfGas', 'refused (typed error)', 'zvmc', 'assembly', 'structured']) expect(r.outcomes[outcome], outcome).toBeGreaterThan(0)
  })

  it('soroban: mutated fixtures and hostile modules end in typed results within budget, deterministically', async () => {
    const r = await run('soroban', 120)
    expect(r.findings).toEqual([])
    expect(count(r, /^invoke: success$/)).toBeGreaterThan(0)
    expect(count(r, /Budget, ExceededLimit/)).toBeGreaterThan(0)
    expect(count(r, /InvalidContractModuleError/)).toBeGreaterThan(0)
    expect(count(r, /^hostile\//)).toBeGreaterThan(10)
    if (sorobanFixtures().length > 0) expect(r.outcomes.fixture).toBeGreaterThan(10)
  })

  it('hedera: ledger invariants hold over HTS/HCS sequences; the node answers malformed requests', async () => {
    const r = await run('hedera', 100)
    expect(r.findings).toEqual([])
    expect(count(r, /^0x167 .*: success$/)).toBeGreaterThan(0)
    expect(count(r, /: refused$/)).toBeGreaterThan(0)
    expect(count(r, /^grpc /)).toBeGreaterThan(0)
    expect(r.outcomes['json-rpc']).toBeGreaterThan(0)
  })

  it('a run is deterministic for its seed', async () => {
    const strip = (r: TargetReport) => ({ ...r, seconds: 0 })
    expect(strip(await run('native', 60))).toEqual(strip(await run('native', 60)))
  })
})

describe('helpers', () => {
  it('the generator is seeded: same seed and index, same stream; another index, another', () => {
    const draw = (r: Rng) => Array.from({ length: 8 }, () => r.u32())
    expect(draw(Rng.of(1, 'evm', 5))).toEqual(draw(Rng.of(1, 'evm', 5)))
    expect(draw(Rng.of(1, 'evm', 5))).not.toEqual(draw(Rng.of(1, 'evm', 6)))
    expect(draw(Rng.of(1, 'evm', 5))).not.toEqual(draw(Rng.of(1, 'native', 5)))
  })

  it('minimise keeps only what the failure needs', () => {
    expect(minimise([1, 2, 3, 4, 5, 6, 7, 8], (xs) => xs.includes(3) && xs.includes(7))).toEqual([3, 7])
  })

  it('options: defaults, budgets and bad values', () => {
    expect(parseOptions([])).toMatchObject({ targets: ['evm', 'native', 'soroban', 'hedera'], programs: 500, seconds: Infinity, seed: 1 })
    expect(parseOptions(['--seconds', '60', '--target', 'evm', '--fork', 'prague'])).toMatchObject({ targets: ['evm'], seconds: 60, forks: ['Prague'], programs: Number.MAX_SAFE_INTEGER })
    expect(() => parseOptions(['--programs', '-3'])).toThrow(/--programs needs a whole number/)
    expect(() => parseOptions(['--target', 'tron'])).toThrow(/--target must be one of/)
    expect(() => parseOptions(['--frobnicate'])).toThrow(/unknown option/)
  })
})
