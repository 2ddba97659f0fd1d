/**
 * Hedera target: sequences of HTS/HCS operations checked against the
 * ledger's invariants (hedera-ledger.ts), and malformed requests to the
 * local network (hedera-node.ts). One program is a sequence of 5–30
 * operations or 10 requests.
 */
import { minimise } from '../minimise.ts'
import { Rng } from '../rng.ts'
import { Tally, withinBudget, type Budget, type Finding, type FindingKind, type TargetOptions, type TargetReport } from '../types.ts'
import { ledgerInvariant, ledgerText, ledgerWorld, randomOperation } from './hedera-ledger.ts'
import { randomRequest, startHarness, stillServing, type NodeHarness } from './hedera-node.ts'

const SUCCESS = 22
interface Failure { kind: FindingKind; detail: string; step: number }

/** Replays operations `keep` (indices into the sequence drawn from `seed`) on a fresh ledger; the first broken invariant. */
function runSequence(rng: () => Rng, length: number, keep: readonly number[] | undefined, hangMs: number, tally?: Tally): Failure | undefined {
  const r = rng()
  const w = ledgerWorld()
  const ops = Array.from({ length }, () => randomOperation(r, w))
  for (const i of keep ?? ops.keys()) {
    const op = ops[i]
    const before = ledgerText(w)
    const start = performance.now()
    let code: number
    try { code = op.run() } catch (e) {
      return { kind: 'crash', step: i, detail: `${op.name} threw ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}` }
    }
    if (tally) { tally.runs++; tally.outcome(`${op.name}: ${code === SUCCESS ? 'success' : code < 0 ? 'n/a' : 'refused'}`) }
    if (performance.now() - start > hangMs) return { kind: 'hang', step: i, detail: `${op.name} took over ${hangMs} ms` }
    const broken = ledgerInvariant(w)
    if (broken) return { kind: 'divergence', step: i, detail: `after ${op.name} (code ${code}): ${broken}` }
    if (code >= 0 && code !== SUCCESS && ledgerText(w) !== before) return { kind: 'divergence', step: i, detail: `${op.name} failed with ${code} but changed the ledger` }
  }
  return undefined
}

/** Runs the Hedera target within `budget`. */
export async function runHedera(budget: Budget, options: TargetOptions): Promise<TargetReport> {
  const tally = new Tally()
  let harness: NodeHarness | undefined
  try {
    for (let index = budget.start ?? 0; withinBudget(budget, index); index++) {
      const seedRng = Rng.of(options.seed, 'hedera', index)
      tally.programs++
      if (seedRng.chance(0.75)) {
        const length = seedRng.range(5, 30)
        // Each replay draws the same operations from the same stream.
        const fresh = (): Rng => { const r = Rng.of(options.seed, 'hedera', index); r.chance(0.75); r.range(5, 30); return r }
        const f = runSequence(fresh, length, undefined, options.hangMs, tally)
        if (!f) continue
        const keep = minimise([...Array(f.step + 1).keys()], (k) => runSequence(fresh, length, k, options.hangMs)?.kind === f.kind)
        const finding: Finding = { target: 'hedera', kind: f.kind, seed: options.seed, index, detail: `ledger: ${f.detail}`, input: { operations: length, keep } }
        tally.findings.push(finding)
        options.progress?.(`hedera #${index}: ${finding.kind}: ${finding.detail}`)
        continue
      }
      harness ??= await startHarness()
      for (let i = 0; i < 10; i++) {
        const { name, failure } = await randomRequest(seedRng, harness)
        tally.runs++
        tally.outcome(name)
        if (failure) {
          // A request is its own reproducer: the seed, index and request number regenerate it.
          const finding: Finding = { target: 'hedera', kind: 'crash', seed: options.seed, index, detail: `node: ${failure}`, input: { request: i } }
          tally.findings.push(finding)
          options.progress?.(`hedera #${index}: crash: ${finding.detail}`)
          break
        }
      }
      if (!(await stillServing(harness))) {
        tally.findings.push({ target: 'hedera', kind: 'crash', seed: options.seed, index, detail: 'node: stopped answering eth_chainId', input: {} })
        break
      }
    }
  } finally {
    await harness?.close()
  }
  return tally.report()
}
