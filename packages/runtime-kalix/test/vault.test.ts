import { createHederaSyscalls, HederaLedger } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { KalixRevertError, KalixRuntime } from '../src/index.ts'
import { contractZvmc } from './fixtures.ts'

/** A ledger with a token, a user holding 100 of it, and an account for the vault. */
function world() {
  const state = new JournaledState()
  const ledger = new HederaLedger(state)
  const treasury = ledger.createAccount({ initialBalance: 100_000_000n })
  const user = ledger.createAccount({ initialBalance: 100_000_000n })
  const vault = ledger.createAccount({})
  const token = ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: treasury.accountId!, initialSupply: 1000n, caller: treasury.address! })
  expect(ledger.associate({ account: user.accountId!, token: token.tokenId!, caller: user.address! })).toBe(22)
  expect(ledger.transferToken({ token: token.tokenId!, from: treasury.accountId!, to: user.accountId!, amount: 100n, caller: treasury.address! })).toBe(22)
  return { state, ledger, user: user as { accountId: string; address: Address }, vault: vault as { accountId: string; address: Address }, token: token as { tokenId: string; address: Address } }
}

describe('vault (HTS syscalls through @zvm/chain-hedera\'s host)', () => {
  const zvmc = contractZvmc('vault')

  it('associates in its constructor, takes deposits and pays withdrawals through HTS_TRANSFER', () => {
    const { state, ledger, user, vault, token } = world()
    const rt = new KalixRuntime({ state, host: { blockHash: () => 0n, syscall: createHederaSyscalls(ledger) } })
    rt.deploy(zvmc, [token.address], { address: vault.address, caller: user.address })
    expect(ledger.isAssociated(token.tokenId, vault.accountId)).toBe(true)
    expect(rt.call(vault.address, 'token').value).toBe(token.address)

    expect(ledger.approve({ token: token.tokenId, owner: user.accountId, spender: vault.accountId, amount: 60n, caller: user.address })).toBe(22)
    const d = rt.call(vault.address, 'deposit(u64)', [40n], { caller: user.address })
    expect(d.events).toEqual([{ name: 'Deposited', signature: 'Deposited(address,u64)', address: vault.address, values: [user.address, 40n], args: { who: user.address, amount: 40n } }])
    expect(ledger.balanceOf(token.tokenId, vault.accountId)).toBe(40n)
    expect(ledger.balanceOf(token.tokenId, user.accountId)).toBe(60n)
    expect(rt.readTable(vault.address, 'deposits', user.address)).toBe(40n)

    const w = rt.call(vault.address, 'withdraw', [15n], { caller: user.address })
    expect(w.events.map((e) => [e.name, e.args.amount])).toEqual([['Withdrawn', 15n]])
    expect(ledger.balanceOf(token.tokenId, vault.accountId)).toBe(25n)
    expect(ledger.balanceOf(token.tokenId, user.accountId)).toBe(75n)
    expect(rt.call(vault.address, 'deposited', [user.address]).value).toBe(25n)
  })

  it('reverts with the reason when HTS refuses, and the ledger and the deposits stay as they were', () => {
    const { state, ledger, user, vault, token } = world()
    const rt = new KalixRuntime({ state, host: { blockHash: () => 0n, syscall: createHederaSyscalls(ledger) } })
    rt.deploy(zvmc, [token.address], { address: vault.address, caller: user.address })
    // No allowance: the transfer from the user answers a failure code and the vault reverts.
    expect(() => rt.call(vault.address, 'deposit', [1n], { caller: user.address })).toThrow(/deposit\(u64\) reverted: transfer failed/)
    expect(() => rt.call(vault.address, 'withdraw', [1n], { caller: user.address })).toThrow(/insufficient deposit/)
    expect(ledger.balanceOf(token.tokenId, user.accountId)).toBe(100n)
    expect(rt.readTable(vault.address, 'deposits', user.address)).toBe(0n)
  })

  it('without a syscall host, the constructor fails cleanly and nothing is deployed', () => {
    const { state, user, vault, token } = world()
    const rt = new KalixRuntime({ state })
    let err: unknown
    try { rt.deploy(zvmc, [token.address], { address: vault.address, caller: user.address }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(KalixRevertError)
    expect((err as KalixRevertError).status).toBe('error')
    expect((err as KalixRevertError).message).toContain('constructor(address) failed with SyscallUnavailable')
    expect(state.getCode(vault.address).length).toBe(0)
  })
})
