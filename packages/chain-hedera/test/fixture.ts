/** A ledger with a few accounts, for the tests. */
import type { Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { HederaLedger, type CreateTokenOptions } from '../src/index.ts'

export function setup(options: { maxTokensPerAccount?: number } = {}) {
  const state = new JournaledState()
  const ledger = new HederaLedger(state, options)
  const account = (maxAutoAssociations = 0) => {
    const r = ledger.createAccount({ initialBalance: 1_000n, maxAutoAssociations })
    return { id: r.accountId!, address: r.address! as Address }
  }
  const treasury = account(), alice = account(), bob = account()
  const key = { kind: 'entity', address: treasury.address } as const
  const token = (extra: Partial<CreateTokenOptions> = {}) => {
    const r = ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: treasury.id, initialSupply: 1_000n, caller: treasury.address, ...extra })
    if (r.code !== 22) throw new Error(`createToken failed with ${r.code}`)
    return r.tokenId!
  }
  const allKeys = { admin: key, kyc: key, freeze: key, wipe: key, supply: key, feeSchedule: key, pause: key }
  return { state, ledger, account, treasury, alice, bob, key, token, allKeys }
}
