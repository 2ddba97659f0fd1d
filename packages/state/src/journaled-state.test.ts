/**
 * Journal invariants (fast-check): any sequence of operations after a
 * checkpoint, then revert, leaves every observable exactly as before; nested
 * commit then outer revert undoes everything; commit keeps the changes; a
 * finished transaction reads back the same through a fresh state.
 */
import fc from 'fast-check'
import type { Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { CheckpointError, InsufficientBalanceError, JournaledState, KECCAK_EMPTY, MemoryDatabase } from './index.ts'

const ADDRS: Address[] = ['0x00000000000000000000000000000000000000a1', '0x00000000000000000000000000000000000000a2', '0x00000000000000000000000000000000000000a3']
const KEYS = [0n, 1n, 2n, 1n << 255n]

const addr = fc.constantFrom(...ADDRS)
const key = fc.constantFrom(...KEYS)
const val = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 1000n }))

type Op = (s: JournaledState) => void
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(addr, val).map(([a, v]) => (s: JournaledState) => s.setBalance(a, v)),
  fc.tuple(addr, addr, val).map(([a, b, v]) => (s: JournaledState) => { s.transfer(a, b, v) }),
  fc.tuple(addr, val).map(([a, v]) => (s: JournaledState) => s.setNonce(a, v)),
  fc.tuple(addr, fc.uint8Array({ maxLength: 4 })).map(([a, c]) => (s: JournaledState) => s.setCode(a, c)),
  fc.tuple(addr, key, val).map(([a, k, v]) => (s: JournaledState) => s.sstore(a, k, v)),
  fc.tuple(addr, key, val).map(([a, k, v]) => (s: JournaledState) => s.tstore(a, k, v)),
  addr.map((a) => (s: JournaledState) => { s.warmAddress(a) }),
  fc.tuple(addr, key).map(([a, k]) => (s: JournaledState) => { s.warmSlot(a, k) }),
  fc.tuple(addr, val).map(([a, v]) => (s: JournaledState) => s.addLog({ address: a, topics: [v], data: new Uint8Array([1]) })),
  addr.map((a) => (s: JournaledState) => s.createAccount(a)),
  addr.map((a) => (s: JournaledState) => s.touch(a)),
  fc.tuple(addr, addr).map(([a, b]) => (s: JournaledState) => s.selfDestruct(a, b)),
)

/** Everything a caller can observe, as a comparable string. */
function observe(s: JournaledState): string {
  const parts: unknown[] = []
  for (const a of ADDRS) {
    parts.push([a, s.exists(a), s.isEmpty(a), s.getBalance(a), s.getNonce(a), s.getCodeHash(a), s.isWarmAddress(a), s.wasCreatedInTransaction(a), s.isSelfDestructed(a)])
    for (const k of KEYS) parts.push([s.sload(a, k), s.getOriginalStorage(a, k), s.tload(a, k), s.isWarmSlot(a, k)])
  }
  parts.push(s.logs.map((l) => [l.address, l.topics, [...l.data]]))
  return JSON.stringify(parts, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}

function seeded(): JournaledState {
  const db = new MemoryDatabase()
  db.setAccount(ADDRS[0], { balance: 500n, nonce: 1n, code: new Uint8Array([1, 2]), storage: { '1': 9n } })
  db.setAccount(ADDRS[1], { balance: 7n })
  const s = new JournaledState(db)
  s.beginTransaction()
  return s
}

describe('JournaledState journal', () => {
  it('revert after any operations restores everything', () =>
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), fc.array(op, { maxLength: 25 }), (before, during) => {
      const s = seeded()
      for (const f of before) f(s)
      const snapshot = observe(s)
      const cp = s.checkpoint()
      for (const f of during) f(s)
      s.revert(cp)
      expect(observe(s)).toBe(snapshot)
    }), { numRuns: 400 }))

  it('nested: inner commit then outer revert undoes all', () =>
    fc.assert(fc.property(fc.array(op, { maxLength: 15 }), fc.array(op, { maxLength: 15 }), (outer, inner) => {
      const s = seeded()
      const snapshot = observe(s)
      const cpOuter = s.checkpoint()
      for (const f of outer) f(s)
      const cpInner = s.checkpoint()
      for (const f of inner) f(s)
      s.commit(cpInner)
      s.revert(cpOuter)
      expect(observe(s)).toBe(snapshot)
    }), { numRuns: 300 }))

  it('commit keeps the changes', () =>
    fc.assert(fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
      const a = seeded()
      const b = seeded()
      const cp = a.checkpoint()
      for (const f of ops) { f(a); f(b) }
      a.commit(cp)
      expect(observe(a)).toBe(observe(b))
    }), { numRuns: 200 }))

  it('a finalized transaction reads back the same through a fresh state', () =>
    fc.assert(fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
      const s = seeded()
      for (const f of ops) f(s)
      const expected = ADDRS.map((a) => {
        const gone = s.isSelfDestructed(a)
        return JSON.stringify([gone ? false : s.exists(a), gone ? 0n : s.getBalance(a), gone ? 0n : s.getNonce(a), gone ? KECCAK_EMPTY : s.getCodeHash(a),
          KEYS.map((k) => (gone ? 0n : s.sload(a, k)))], (_, v) => (typeof v === 'bigint' ? v.toString() : v))
      })
      s.finalizeTransaction()
      const fresh = new JournaledState(s.db)
      const actual = ADDRS.map((a) => JSON.stringify([fresh.exists(a), fresh.getBalance(a), fresh.getNonce(a), fresh.getCodeHash(a), KEYS.map((k) => fresh.sload(a, k))],
        (_, v) => (typeof v === 'bigint' ? v.toString() : v)))
      expect(actual).toEqual(expected)
    }), { numRuns: 300 }))
})

describe('JournaledState semantics', () => {
  const [A, B] = ADDRS
  it('original storage is the value at the start of the transaction', () => {
    const s = seeded()
    s.sstore(A, 1n, 5n)
    s.sstore(A, 1n, 6n)
    expect(s.getOriginalStorage(A, 1n)).toBe(9n)
    s.finalizeTransaction()
    s.beginTransaction()
    expect(s.getOriginalStorage(A, 1n)).toBe(6n)
  })
  it('transient storage, warm sets and logs are cleared per transaction', () => {
    const s = seeded()
    s.tstore(A, 1n, 3n)
    s.warmAddress(B)
    s.addLog({ address: A, topics: [], data: new Uint8Array() })
    s.finalizeTransaction()
    s.beginTransaction()
    expect([s.tload(A, 1n), s.isWarmAddress(B), s.logs.length]).toEqual([0n, false, 0])
  })
  it('EIP-6780: only an account created in the transaction is deleted', () => {
    const s = seeded()
    s.selfDestruct(A, B)
    expect(s.getBalance(B)).toBe(507n)
    const diff = s.finalizeTransaction()
    expect(diff.accounts.find((a) => a.address === A)?.deleted).toBe(false)
    s.beginTransaction()
    const C = ADDRS[2]
    s.createAccount(C)
    s.setBalance(C, 10n)
    s.selfDestruct(C, C)
    const diff2 = s.finalizeTransaction()
    expect(diff2.accounts.find((a) => a.address === C)?.deleted).toBe(true)
    expect(new JournaledState(s.db).exists(C)).toBe(false)
  })
  it('EIP-161 deletion of touched empty accounts is optional', () => {
    const s = seeded()
    s.setBalance(B, 0n)
    s.touch(B)
    s.finalizeTransaction({ deleteEmptyTouched: true })
    expect(new JournaledState(s.db).exists(B)).toBe(false)
  })
  it('reads of absent accounts do not create them', () => {
    const s = seeded()
    const C = ADDRS[2]
    expect([s.exists(C), s.getBalance(C), s.getCodeHash(C), s.sload(C, 1n)]).toEqual([false, 0n, KECCAK_EMPTY, 0n])
    expect(s.finalizeTransaction().accounts).toEqual([])
  })
  it('misuse throws typed errors', () => {
    const s = seeded()
    const outer = s.checkpoint()
    s.checkpoint()
    expect(() => s.revert(outer)).toThrow(CheckpointError)
    expect(() => s.subBalance(ADDRS[2], 1n)).toThrow(InsufficientBalanceError)
    expect(s.transfer(ADDRS[2], A, 1n)).toBe(false)
  })
})

describe('external changes', () => {
  it('are undone with the checkpoint that contains them, in order with the state', () => {
    const state = new JournaledState()
    const ledger: string[] = []
    const a = '0x00000000000000000000000000000000000000a1'
    state.beginTransaction()
    const outer = state.checkpoint()
    ledger.push('kept')
    state.recordUndo(() => { ledger.pop() })
    const inner = state.checkpoint()
    state.setBalance(a, 5n)
    ledger.push('dropped')
    state.recordUndo(() => { expect(state.getBalance(a)).toBe(5n); ledger.pop() })
    state.setBalance(a, 6n)
    state.revert(inner)
    expect(ledger).toEqual(['kept'])
    expect(state.getBalance(a)).toBe(0n)
    state.commit(outer)
    expect(ledger).toEqual(['kept'])
  })
})

describe('always-warm addresses', () => {
  it('are warm for the transaction they are given to, and only that one', () => {
    const state = new JournaledState()
    const p = '0x0000000000000000000000000000000000000001'
    state.beginTransaction(new Set([p]))
    const cp = state.checkpoint()
    expect(state.isWarmAddress(p)).toBe(true)
    expect(state.warmAddress(p)).toBe(false)
    state.revert(cp)
    expect(state.isWarmAddress(p)).toBe(true)
    state.finalizeTransaction()
    state.beginTransaction()
    expect(state.warmAddress(p)).toBe(true)
  })
})
