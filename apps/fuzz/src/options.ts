/** Command-line options of `pnpm fuzz`; a bad option is an {@link OptionError} naming it. */
import { TARGETS, type TargetName } from './types.ts'

export interface FuzzOptions {
  targets: TargetName[]
  /** Programs per target (with `seconds`, whichever ends first). */
  programs: number
  /** Seconds per target. */
  seconds: number
  seed: number
  /** First program index (default 0): `--start <index> --programs 1` reruns one finding. */
  start: number
  forks: ('Cancun' | 'Prague')[]
  json: boolean
  out?: string
  /** A run slower than this (ms) is a hang. */
  hangMs: number
}

export class OptionError extends Error {
  override name = 'OptionError'
}

export const USAGE = `usage: pnpm fuzz [--target evm|native|soroban|hedera|all] [--programs N] [--seconds S] [--seed N]
                 [--start INDEX] [--fork cancun|prague|all] [--json] [--out DIR] [--hang-ms MS]`

const DEFAULT_PROGRAMS = 500

function integer(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new OptionError(`--${name} needs a whole number, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`)
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min) throw new OptionError(`--${name} must be at least ${min}, got ${value}`)
  return n
}

/**
 * Parses argv (without node and the script).
 *
 * @example
 * ```ts
 * parseOptions(['--target', 'evm', '--seconds', '60']).targets // ['evm']
 * ```
 */
export function parseOptions(argv: readonly string[]): FuzzOptions {
  let programs: number | undefined
  let seconds: number | undefined
  const o: FuzzOptions = { targets: [...TARGETS], programs: DEFAULT_PROGRAMS, seconds: Infinity, seed: 1, start: 0, forks: ['Cancun', 'Prague'], json: false, hangMs: 10_000 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = (): string | undefined => argv[++i]
    switch (arg) {
      case '--target': {
        const t = value()
        if (t === 'all') o.targets = [...TARGETS]
        else if (TARGETS.includes(t as TargetName)) o.targets = [t as TargetName]
        else throw new OptionError(`--target must be one of ${TARGETS.join(', ')} or all, got ${t === undefined ? 'nothing' : JSON.stringify(t)}`)
        break
      }
      case '--programs': programs = integer('programs', value(), 1); break
      case '--seconds': seconds = integer('seconds', value(), 1); break
      case '--seed': o.seed = integer('seed', value(), 0); if (o.seed > 0xffffffff) throw new OptionError(`--seed must be below 2^32, got ${o.seed}`); break
      case '--start': o.start = integer('start', value(), 0); break
      case '--hang-ms': o.hangMs = integer('hang-ms', value(), 1); break
      case '--fork': {
        const f = value()?.toLowerCase()
        if (f === 'cancun') o.forks = ['Cancun']
        else if (f === 'prague') o.forks = ['Prague']
        else if (f === 'all') o.forks = ['Cancun', 'Prague']
        else throw new OptionError(`--fork must be cancun, prague or all, got ${f === undefined ? 'nothing' : JSON.stringify(f)}`)
        break
      }
      case '--json': o.json = true; break
      case '--out': {
        const d = value()
        if (d === undefined || d.startsWith('--')) throw new OptionError('--out needs a directory')
        o.out = d
        break
      }
      default: throw new OptionError(`unknown option ${JSON.stringify(arg)}`)
    }
  }
  // Only --seconds: as many programs as fit. Neither: the default count.
  o.programs = programs ?? (seconds !== undefined ? Number.MAX_SAFE_INTEGER : DEFAULT_PROGRAMS)
  o.seconds = seconds ?? Infinity
  return o
}
