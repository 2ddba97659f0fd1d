/**
 * Properties: a random sequence of ledger operations inside a checkpoint
 * that is reverted leaves the snapshot unchanged; committed sequences keep
 * total supply = sum of balances and no negative balance; snapshot →
 * restore round-trips.
 */
import fc from 'fast-check'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { HederaLedger, type LedgerSnapshot } from '../src/index.ts'
import { setup } from './fixture.ts'

type World = ReturnType<typeof setup>

const op = fc.record({
  kind: fc.constantFrom('createFt', 'createNft', 'mint', 'mintNft', 'burn', 'wipe', 'transfer', 'transferNft', 'associate', 'dissociate',
    'approve', 'freeze', 'unfreeze', 'kyc', 'pause', 'unpause', 'delete', 'hbar', 'topic', 'submit', 'hollow'),
  who: fc.nat(3), other: fc.nat(3), token: fc.nat(5), amount: fc.bigInt({ min: -2n, max: 1200n }), serial: fc.bigInt({ min: 0n, max: 4n }),
})
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

function apply(w: World, o: Op): void {
  const { ledger } = w
  const people = [w.treasury, w.alice, w.bob, { id: '0.0.1', address: '0x0000000000000000000000000000000000000001' as const }]
  const a = people[o.who], b = people[o.other]
  const tokens = [...Array(6).keys()].map((i) => `0.0.${1004 + i}`)
  const t = tokens[o.token]
  const caller = o.kind === 'associate' || o.kind === 'dissociate' ? a.address : w.treasury.address
  switch (o.kind) {
    case 'createFt': ledger.createToken({ name: 'F', symbol: 'F', treasury: a.id, initialSupply: o.amount, keys: w.allKeys, caller: a.address }); break
    case 'createNft': ledger.createToken({ type: 'nonFungible', name: 'N', symbol: 'N', treasury: a.id, keys: w.allKeys, caller: a.address }); break
    case 'mint': ledger.mint({ token: t, amount: o.amount, caller }); break
    case 'mintNft': ledger.mint({ token: t, metadata: [Uint8Array.of(Number(o.serial))], caller }); break
    case 'burn': ledger.burn(o.serial > 0n ? { token: t, serials: [o.serial], caller } : { token: t, amount: o.amount, caller }); break
    case 'wipe': ledger.wipe(o.serial > 0n ? { token: t, account: b.id, serials: [o.serial], caller } : { token: t, account: b.id, amount: o.amount, caller }); break
    case 'transfer': ledger.transferToken({ token: t, from: a.id, to: b.id, amount: o.amount, caller: a.address }); break
    case 'transferNft': ledger.transferNft({ token: t, from: a.id, to: b.id, serial: o.serial, caller: a.address }); break
    case 'associate': ledger.associate({ account: a.id, token: t, caller }); break
    case 'dissociate': ledger.dissociate({ account: a.id, token: t, caller }); break
    case 'approve': ledger.approve({ token: t, owner: a.id, spender: b.id, amount: o.amount, caller: a.address }); break
    case 'freeze': ledger.freeze({ token: t, account: b.id, caller }); break
    case 'unfreeze': ledger.unfreeze({ token: t, account: b.id, caller }); break
    case 'kyc': ledger.grantKyc({ token: t, account: b.id, caller }); break
    case 'pause': ledger.pauseToken({ token: t, caller }); break
    case 'unpause': ledger.unpauseToken({ token: t, caller }); break
    case 'delete': ledger.deleteToken({ token: t, caller }); break
    case 'hbar': ledger.transferHbar({ from: a.id, to: b.id, amount: o.amount, caller: a.address }); break
    case 'hollow': ledger.transferHbar({ from: a.id, to: `0x${'ab'.repeat(19)}${o.other.toString(16).padStart(2, '0')}`, amount: o.amount, caller: a.address }); break
    case 'topic': ledger.createTopic({ adminKey: w.key, caller: w.treasury.address }); break
    case 'submit': ledger.submitMessage({ topic: t, message: Uint8Array.of(Number(o.serial)), caller: a.address }); break
  }
}

function checkInvariants(s: LedgerSnapshot): void {
  for (const token of s.tokens) {
    const rels = s.relations.filter((r) => r.token === token.id)
    const sum = rels.reduce((x, r) => x + BigInt(r.balance), 0n)
    expect(sum, `supply of ${token.id}`).toBe(BigInt(token.totalSupply))
    if (token.type === 'nonFungible') expect(BigInt(s.nfts.filter((n) => n.token === token.id).length)).toBe(BigInt(token.totalSupply))
  }
  for (const r of s.relations) expect(BigInt(r.balance) >= 0n).toBe(true)
  for (const a of s.accounts) expect(BigInt(a.balance) >= 0n).toBe(true)
  for (const a of s.accounts) expect(a.associations).toBe(s.relations.filter((r) => r.account === a.id).length)
}

/** A world with one token of each kind, some history. */
function seeded(): World {
  const w = setup()
  w.token({ keys: w.allKeys })
  w.ledger.createToken({ type: 'nonFungible', name: 'N', symbol: 'N', treasury: w.treasury.id, keys: w.allKeys, caller: w.treasury.address })
  return w
}

describe('ledger properties', () => {
  it('operations inside a reverted checkpoint leave the snapshot unchanged', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), fc.array(op, { maxLength: 40 }), (prefix, ops) => {
      const w = seeded()
      for (const o of prefix) apply(w, o)
      const before = JSON.stringify(w.ledger.snapshot())
      const cp = w.state.checkpoint()
      for (const o of ops) apply(w, o)
      w.state.revert(cp)
      expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
    }), { numRuns: 150 })
  })

  it('committed sequences keep total supply = sum of balances and no negative balance', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const w = seeded()
      const cp = w.state.checkpoint()
      for (const o of ops) { apply(w, o); checkInvariants(w.ledger.snapshot()) }
      w.state.commit(cp)
      checkInvariants(w.ledger.snapshot())
    }), { numRuns: 100 })
  })

  it('snapshot → JSON → restore round-trips', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const w = seeded()
      for (const o of ops) apply(w, o)
      const json = JSON.stringify(w.ledger.snapshot())
      const restored = HederaLedger.fromSnapshot(JSON.parse(json), new JournaledState())
      expect(JSON.stringify(restored.snapshot())).toBe(json)
    }), { numRuns: 60 })
  })
})
