import { JournaledState, createAddress } from '@zvm/state'
import { expect, it } from 'vitest'
import { executeTransaction, Fork } from './index.ts'

it('the README example holds', () => {
  const state = new JournaledState()
  const alice = '0x00000000000000000000000000000000000000a1'
  state.setBalance(alice, 10n ** 18n)
  const result = executeTransaction(state, {
    type: 2, from: alice, to: null, nonce: 0n, gasLimit: 100_000n, value: 0n,
    data: new Uint8Array([0x60, 0x01, 0x60, 0x00, 0xf3]), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n,
  }, {
    number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30_000_000n,
    baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n,
  }, { fork: Fork.Cancun })
  expect(result.valid && result.status).toBe('success')
  expect(result.valid && result.createdAddress).toBe(createAddress(alice, 0n))
  // 21000 + 32000 + calldata (5 non-zero bytes: 80) + init code word (2) + execution (3+3+0+3 memory... ) + deposit 200
  expect(result.valid && result.gasUsed).toBeGreaterThan(53082n)
})
