import { expect, it } from 'vitest'
import { createAddress, JournaledState, MemoryDatabase } from './index.ts'

it('the README example holds', () => {
  const db = new MemoryDatabase()
  const alice = '0x00000000000000000000000000000000000000a1'
  db.setAccount(alice, { balance: 100n, storage: { '1': 7n } })
  const state = new JournaledState(db)
  state.beginTransaction()
  const cp = state.checkpoint()
  state.sstore(alice, 1n, 8n)
  state.setBalance(alice, 50n)
  state.revert(cp)
  expect(state.sload(alice, 1n)).toBe(7n)
  expect(state.getBalance(alice)).toBe(100n)
  state.sstore(alice, 1n, 9n)
  const diff = state.finalizeTransaction()
  expect(diff.accounts[0].storage.get(1n)).toBe(9n)
  expect(db.getStorage(alice, 1n)).toBe(9n)
  expect(createAddress(alice, 0n)).toMatch(/^0x[0-9a-f]{40}$/)
})
