/** What a target reports: counts, what its programs did, and findings. */

export const TARGETS = ['evm', 'native', 'soroban', 'hedera'] as const
export type TargetName = (typeof TARGETS)[number]
export type FindingKind = 'crash' | 'hang' | 'divergence' | 'nondeterministic'

/** One failure, minimised, with what it takes to run it again. */
export interface Finding {
  target: TargetName
  kind: FindingKind
  seed: number
  /** The program's index in the run: `Rng.of(seed, target, index)` regenerates it. */
  index: number
  /** One line: what differed or what was thrown. */
  detail: string
  /** The minimised input (hex strings and numbers; target-specific fields). */
  input: Record<string, unknown>
}

/** Budget for one target: stop at whichever comes first. */
export interface Budget {
  /** First program index (to rerun a finding: its index). */
  start?: number
  programs: number
  /** Wall-clock deadline (performance.now() milliseconds). */
  deadline: number
}

export interface TargetOptions {
  seed: number
  forks: readonly ('Cancun' | 'Prague')[]
  /** A run slower than this (ms) is a hang finding. */
  hangMs: number
  /** Called now and then with a progress line. */
  progress?: (line: string) => void
}

/** What a run counted: per target, and added up over targets in the summary. */
export interface RunCounts {
  programs: number
  /** Executions (each engine, tier, fork, repetition and request counts once). */
  runs: number
  crashes: number
  hangs: number
  divergences: number
  nondeterministic: number
  seconds: number
}

export interface TargetReport extends RunCounts {
  /** How programs ended (e.g. success, revert, OutOfGas, HostError …): proof the run exercised things. */
  outcomes: Record<string, number>
  findings: Finding[]
}

/** Tallies for a target run, filled as programs execute. */
export class Tally {
  programs = 0
  runs = 0
  readonly outcomes: Record<string, number> = {}
  readonly findings: Finding[] = []
  readonly #start = performance.now()

  outcome(name: string): void {
    this.outcomes[name] = (this.outcomes[name] ?? 0) + 1
  }

  report(): TargetReport {
    const count = (k: FindingKind): number => this.findings.filter((f) => f.kind === k).length
    return {
      programs: this.programs, runs: this.runs,
      crashes: count('crash'), hangs: count('hang'), divergences: count('divergence'), nondeterministic: count('nondeterministic'),
      seconds: Math.round((performance.now() - this.#start) / 10) / 100,
      outcomes: Object.fromEntries(Object.entries(this.outcomes).sort(([a], [b]) => a.localeCompare(b))),
      findings: this.findings,
    }
  }
}

/** Whether the budget still allows program `index`. */
export function withinBudget(budget: Budget, index: number): boolean {
  return index < (budget.start ?? 0) + budget.programs && performance.now() < budget.deadline
}
