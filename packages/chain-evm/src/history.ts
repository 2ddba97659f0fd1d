/**
 * EIP-2935 (Prague): block-hash history in state. At the start of each block
 * the system call stores the parent block's hash in the history contract at
 * slot (number − 1) mod 8191; contracts read it back with an ordinary call.
 * This applies that system call's effect directly (no system-call gas).
 */
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'

/** The history contract's address (EIP-2935). */
export const HISTORY_STORAGE_ADDRESS: Address = '0x0000f90827f1c53a10cb7a02335b175320002935'
/** Ring-buffer length (EIP-2935 HISTORY_SERVE_WINDOW). */
export const HISTORY_SERVE_WINDOW = 8191n

/**
 * Records `parentHash` for block `number − 1`, when the history contract is
 * deployed (as the protocol's system call does; without code it is a no-op).
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { recordParentBlockHash } from '@zvm/chain-evm'
 * recordParentBlockHash(new JournaledState(), 1n, 0xabn) // false: contract not deployed
 * ```
 */
export function recordParentBlockHash(state: JournaledState, number: bigint, parentHash: bigint): boolean {
  if (number === 0n || state.getCode(HISTORY_STORAGE_ADDRESS).length === 0) return false
  state.sstore(HISTORY_STORAGE_ADDRESS, (number - 1n) % HISTORY_SERVE_WINDOW, parentHash)
  return true
}
