/**
 * Hard forks in activation order. Consulted only while tables, gas rules and
 * precompile sets are built, never in the interpreter loop.
 */
export const Fork = { Shanghai: 0, Cancun: 1, Prague: 2 } as const
export type Fork = (typeof Fork)[keyof typeof Fork]

/** Fork names as state-test fixtures write them. */
export const FORK_NAMES: Record<string, Fork> = { Shanghai: Fork.Shanghai, Cancun: Fork.Cancun, Prague: Fork.Prague }

/**
 * Parses a fork name.
 *
 * @example
 * ```ts
 * import { forkFromName, Fork } from '@zvm/chain-evm'
 * forkFromName('Cancun') === Fork.Cancun // true
 * ```
 */
export function forkFromName(name: string): Fork | undefined {
  return FORK_NAMES[name]
}

/** The name of a fork. */
export function forkName(fork: Fork): string {
  return Object.keys(FORK_NAMES).find((k) => FORK_NAMES[k] === fork)!
}
