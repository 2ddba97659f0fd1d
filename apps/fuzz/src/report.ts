/** The run summary (the `--json` line and the text table) and reproducer files. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, RunCounts, TargetName, TargetReport } from './types.ts'

export interface Summary extends RunCounts {
  findings: Finding[]
  seed: number
  /** Per target: the same counts, programs per second and how programs ended. */
  targets: Partial<Record<TargetName, Omit<TargetReport, 'findings'> & { programsPerSecond: number }>>
}

/** Adds the targets' reports up. */
export function summarise(seed: number, reports: Partial<Record<TargetName, TargetReport>>): Summary {
  const all = Object.values(reports)
  const sum = (k: keyof RunCounts): number => all.reduce((n, r) => n + r[k], 0)
  const targets: Summary['targets'] = {}
  for (const [name, r] of Object.entries(reports) as [TargetName, TargetReport][]) {
    const { findings: _findings, ...rest } = r
    targets[name] = { ...rest, programsPerSecond: r.seconds > 0 ? Math.round((r.programs / r.seconds) * 10) / 10 : r.programs }
  }
  return {
    programs: sum('programs'), runs: sum('runs'), crashes: sum('crashes'), hangs: sum('hangs'), divergences: sum('divergences'),
    nondeterministic: sum('nondeterministic'), seconds: Math.round(sum('seconds') * 100) / 100, findings: all.flatMap((r) => r.findings), seed, targets,
  }
}

/** Human-readable lines for stderr/stdout. */
export function summaryText(s: Summary): string {
  const lines = Object.entries(s.targets).map(([name, t]) =>
    `${name.padEnd(8)} ${String(t.programs).padStart(8)} programs ${String(t.runs).padStart(9)} runs ${t.seconds.toFixed(1).padStart(7)} s ${String(t.programsPerSecond).padStart(7)}/s  crashes ${t.crashes} hangs ${t.hangs} divergences ${t.divergences} nondeterministic ${t.nondeterministic}`)
  for (const f of s.findings) lines.push(`FINDING ${f.target} #${f.index} ${f.kind}: ${f.detail}`)
  return `${lines.join('\n')}\n`
}

/** Writes each finding to `<dir>/<target>-<kind>-<seed>-<index>.json`; returns the paths. */
export function writeReproducers(dir: string, findings: readonly Finding[]): string[] {
  mkdirSync(dir, { recursive: true })
  return findings.map((f) => {
    const path = join(dir, `${f.target}-${f.kind}-${f.seed}-${f.index}.json`)
    writeFileSync(path, `${JSON.stringify(f, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : v), 1)}\n`)
    return path
  })
}
