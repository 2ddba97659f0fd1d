/** LedgerOptions.signedBy: a key the host verified authorizes any caller; without it an ED25519 key authorizes nobody. */
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { HederaLedger, ResponseCode as RC, type LedgerKey } from '../src/index.ts'

const supplyKey: LedgerKey = { kind: 'ed25519', bytes: new Uint8Array(32).fill(7) }
const sameBytes = (a: LedgerKey, b: LedgerKey): boolean => a.kind === b.kind && a.kind !== 'entity' && b.kind !== 'entity' && a.bytes.every((x, i) => x === b.bytes[i])

function world(signed: boolean): { ledger: HederaLedger; token: string; caller: `0x${string}` } {
  const ledger = new HederaLedger(new JournaledState(), { signedBy: (key) => signed && sameBytes(key, supplyKey) })
  const me = ledger.createAccount({ initialBalance: 1n })
  const t = ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: me.accountId!, keys: { supply: supplyKey }, caller: me.address! })
  expect(t.code).toBe(RC.SUCCESS)
  return { ledger, token: t.tokenId!, caller: me.address! }
}

describe('signedBy', () => {
  it('lets a verified ED25519 supply key mint, and refuses the same call unsigned, changing nothing', () => {
    const unsigned = world(false)
    expect(unsigned.ledger.mint({ token: unsigned.token, amount: 5n, caller: unsigned.caller }).code).toBe(RC.INVALID_SIGNATURE)
    expect(unsigned.ledger.getToken(unsigned.token)!.totalSupply).toBe(0n)
    const signed = world(true)
    expect(signed.ledger.mint({ token: signed.token, amount: 5n, caller: signed.caller })).toMatchObject({ code: RC.SUCCESS, totalSupply: 5n })
  })
})
