/** Prague: EIP-7702 authorizations and delegated execution, EIP-7623 floor, EIP-2935 history. */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { delegationCode } from '@zvm/core'
import { bytesToAddress, type Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import {
  executeTransaction, Fork, HISTORY_STORAGE_ADDRESS, recordParentBlockHash, recoverAuthority, signAuthorization,
  type EvmBlock, type EvmTransaction,
} from './index.ts'

const SENDER: Address = '0x00000000000000000000000000000000000000a1'
const IMPL: Address = '0x00000000000000000000000000000000000000b2'
const block: EvmBlock = { number: 5n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30_000_000n, baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }
const key = new Uint8Array(32).fill(7)
const authority = bytesToAddress(keccak_256(secp256k1.getPublicKey(key, false).subarray(1)).subarray(12))

function setup(): JournaledState {
  const state = new JournaledState()
  state.setBalance(SENDER, 10n ** 18n)
  // IMPL: SSTORE(0, CALLER) ; RETURN ADDRESS
  state.setCode(IMPL, new Uint8Array([0x33, 0x60, 0x00, 0x55, 0x30, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3]))
  return state
}
const setCodeTx = (over: Partial<EvmTransaction>): EvmTransaction => ({
  type: 4, from: SENDER, to: authority, nonce: 0n, gasLimit: 200_000n, value: 0n, data: new Uint8Array(),
  maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, authorizationList: [signAuthorization(key, { chainId: 1n, address: IMPL, nonce: 0n })], ...over,
})

describe('EIP-7702', () => {
  it('recovers the authority from a signed authorization', () => {
    expect(recoverAuthority(signAuthorization(key, { chainId: 1n, address: IMPL, nonce: 3n }))).toBe(authority)
  })
  it('a set-code transaction delegates the authority and runs the delegate code in its context', () => {
    const state = setup()
    const r = executeTransaction(state, setCodeTx({}), block, { fork: Fork.Prague })
    expect(r.valid && r.status).toBe('success')
    expect([...state.getCode(authority)]).toEqual([...delegationCode(IMPL)])
    expect(state.getNonce(authority)).toBe(1n)
    expect(state.sload(authority, 0n)).toBe(BigInt(SENDER)) // storage of the authority, not of IMPL
    expect(r.valid && BigInt(`0x${Buffer.from(r.output).toString('hex')}`)).toBe(BigInt(authority))
  })
  it('skips authorizations for another chain or with a stale nonce', () => {
    for (const auth of [signAuthorization(key, { chainId: 5n, address: IMPL, nonce: 0n }), signAuthorization(key, { chainId: 1n, address: IMPL, nonce: 4n })]) {
      const state = setup()
      const r = executeTransaction(state, setCodeTx({ authorizationList: [auth] }), block, { fork: Fork.Prague })
      expect(r.valid).toBe(true)
      expect(state.getCode(authority)).toHaveLength(0)
    }
  })
  it('is invalid before Prague, without authorizations, or as a creation', () => {
    const r1 = executeTransaction(setup(), setCodeTx({}), block, { fork: Fork.Cancun })
    expect(r1.valid ? '' : r1.error).toBe('TYPE_4_TX_PRE_FORK')
    const r2 = executeTransaction(setup(), setCodeTx({ authorizationList: [] }), block, { fork: Fork.Prague })
    expect(r2.valid ? '' : r2.error).toBe('TYPE_4_EMPTY_AUTHORIZATION_LIST')
    const r3 = executeTransaction(setup(), setCodeTx({ to: null }), block, { fork: Fork.Prague })
    expect(r3.valid ? '' : r3.error).toBe('TYPE_4_TX_CONTRACT_CREATION')
  })
  it('charges 25000 per authorization in intrinsic gas', () => {
    const one = executeTransaction(setup(), setCodeTx({ to: '0x00000000000000000000000000000000000000ee' }), block, { fork: Fork.Prague })
    expect(one.valid && one.gasUsed).toBe(21000n + 25000n)
  })
})

describe('EIP-7623 calldata floor', () => {
  it('a data-heavy transfer pays at least 21000 + 10 per token in Prague', () => {
    const state = setup()
    const data = new Uint8Array(1000).fill(1)
    const tx: EvmTransaction = { type: 2, from: SENDER, to: '0x00000000000000000000000000000000000000ee', nonce: 0n, gasLimit: 100_000n, value: 0n, data, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }
    const cancun = executeTransaction(setup(), tx, block, { fork: Fork.Cancun })
    const prague = executeTransaction(state, tx, block, { fork: Fork.Prague })
    expect(cancun.valid && cancun.gasUsed).toBe(21000n + 16000n)
    expect(prague.valid && prague.gasUsed).toBe(21000n + 40000n)
  })
})

describe('EIP-2935 history', () => {
  it('stores the parent hash in the ring buffer once the contract exists', () => {
    const state = new JournaledState()
    expect(recordParentBlockHash(state, 10n, 0xabcn)).toBe(false)
    state.setCode(HISTORY_STORAGE_ADDRESS, new Uint8Array([0x00]))
    expect(recordParentBlockHash(state, 10n, 0xabcn)).toBe(true)
    expect(state.sload(HISTORY_STORAGE_ADDRESS, 9n)).toBe(0xabcn)
    recordParentBlockHash(state, 8192n + 10n, 0xdefn)
    expect(state.sload(HISTORY_STORAGE_ADDRESS, 10n)).toBe(0xdefn)
  })
})
