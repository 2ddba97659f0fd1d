import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { HederaLedger, LedgerSnapshotError } from '../src/index.ts'
import { setup } from './fixture.ts'

function sample() {
  const w = setup()
  const t = w.token({ keys: w.allKeys })
  w.ledger.associate({ account: w.alice.id, token: t, caller: w.alice.address })
  w.ledger.createTopic({ memo: 'x', adminKey: w.key, caller: w.treasury.address })
  return JSON.parse(JSON.stringify(w.ledger.snapshot())) as Record<string, unknown> & { tokens: Record<string, unknown>[]; accounts: Record<string, unknown>[] }
}

describe('snapshots', () => {
  it('carry the format, version, HBAR balances and restore into a state', () => {
    const json = sample()
    expect(json).toMatchObject({ format: 'zvm-hedera-ledger', version: 1 })
    const state = new JournaledState()
    const ledger = HederaLedger.fromSnapshot(json, state)
    expect(ledger.hbarBalance('0.0.1001')).toBe(1000n)
    expect(state.getBalance('0x00000000000000000000000000000000000003e9')).toBe(1000n)
    expect(ledger.createAccount().accountId).toBe('0.0.1006')
  })

  it.each([
    ['not an object', () => 42, 'snapshot'],
    ['wrong format', (j: ReturnType<typeof sample>) => ({ ...j, format: 'zvm-other' }), 'format'],
    ['wrong version', (j: ReturnType<typeof sample>) => ({ ...j, version: 2 }), 'version'],
    ['accounts not an array', (j: ReturnType<typeof sample>) => ({ ...j, accounts: {} }), 'accounts'],
    ['decimals a string', (j: ReturnType<typeof sample>) => ({ ...j, tokens: [{ ...j.tokens[0], decimals: '2' }] }), 'tokens[0].decimals'],
    ['supply a number', (j: ReturnType<typeof sample>) => ({ ...j, tokens: [{ ...j.tokens[0], totalSupply: 5 }] }), 'tokens[0].totalSupply'],
    ['bad id', (j: ReturnType<typeof sample>) => ({ ...j, accounts: [{ ...j.accounts[0], id: '1001' }] }), 'accounts[0].id'],
    ['bad key', (j: ReturnType<typeof sample>) => ({ ...j, tokens: [{ ...j.tokens[0], keys: { admin: { rsa: '0x00' } } }] }), 'tokens[0].keys.admin'],
    ['bad type', (j: ReturnType<typeof sample>) => ({ ...j, tokens: [{ ...j.tokens[0], type: 'coin' }] }), 'tokens[0].type'],
  ])('%s → LedgerSnapshotError naming %s', (_, mutate, path) => {
    const bad = mutate(sample())
    let error: unknown
    try { HederaLedger.fromSnapshot(bad, new JournaledState()) } catch (e) { error = e }
    expect(error).toBeInstanceOf(LedgerSnapshotError)
    expect((error as LedgerSnapshotError).code).toBe('HEDERA_SNAPSHOT_INVALID')
    expect((error as LedgerSnapshotError).path).toBe(path)
  })
})
