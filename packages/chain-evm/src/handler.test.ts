import { createAddress, JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import type { Precompile } from '@zvm/core'
import {
  blobBaseFee, evmTable, executeMessage, executeTransaction, fakeExponential, Fork, intrinsicGas, postExecution, precompilesFor, preExecution,
  validateTransaction, type EvmBlock, type EvmTransaction,
} from './index.ts'

const A = '0x00000000000000000000000000000000000000a1'
const B = '0x00000000000000000000000000000000000000b2'
const COINBASE = '0x0000000000000000000000000000000000000c0b'
const block: EvmBlock = { number: 1n, timestamp: 1n, coinbase: COINBASE, gasLimit: 30_000_000n, baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }
const transfer = (over: Partial<EvmTransaction> = {}): EvmTransaction => ({
  type: 2, from: A, to: B, nonce: 0n, gasLimit: 21000n, value: 5n, data: new Uint8Array(), maxFeePerGas: 10n, maxPriorityFeePerGas: 2n, ...over,
})

describe('executeTransaction', () => {
  it('a value transfer pays 21000 gas, the coinbase its tip, and burns the base fee', () => {
    const state = new JournaledState()
    state.setBalance(A, 1_000_000n)
    const r = executeTransaction(state, transfer(), block)
    expect(r.valid && r.gasUsed).toBe(21000n)
    expect(state.getBalance(B)).toBe(5n)
    expect(state.getBalance(COINBASE)).toBe(21000n * 2n)
    expect(state.getBalance(A)).toBe(1_000_000n - 5n - 21000n * 9n)
    expect(state.getNonce(A)).toBe(1n)
  })
  const invalid: [string, Partial<EvmTransaction>, string][] = [
    ['nonce too high', { nonce: 1n }, 'NONCE_MISMATCH'],
    ['intrinsic gas too low', { gasLimit: 20999n }, 'INTRINSIC_GAS_TOO_LOW'],
    ['max fee below base fee', { maxFeePerGas: 6n, maxPriorityFeePerGas: 1n }, 'INSUFFICIENT_MAX_FEE_PER_GAS'],
    ['priority above max fee', { maxPriorityFeePerGas: 11n }, 'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS'],
    ['not enough funds', { value: 10n ** 9n }, 'INSUFFICIENT_ACCOUNT_FUNDS'],
    ['above block gas limit', { gasLimit: 40_000_000n }, 'GAS_ALLOWANCE_EXCEEDED'],
    ['blob tx creating', { type: 3, to: null, blobVersionedHashes: [1n << 248n], maxFeePerBlobGas: 1n }, 'TYPE_3_TX_CONTRACT_CREATION'],
    ['blob tx without blobs', { type: 3, blobVersionedHashes: [], maxFeePerBlobGas: 1n }, 'TYPE_3_TX_ZERO_BLOBS'],
    ['init code too large', { to: null, data: new Uint8Array(49153), gasLimit: 29_000_000n }, 'INITCODE_SIZE_EXCEEDED'],
  ]
  for (const [what, over, error] of invalid) {
    it(`rejects ${what} without touching state`, () => {
      const state = new JournaledState()
      state.setBalance(A, 1_000_000n)
      const r = executeTransaction(state, transfer(over), block)
      expect(r.valid ? 'valid' : r.error).toBe(error)
      expect([state.getBalance(A), state.getNonce(A)]).toEqual([1_000_000n, 0n])
    })
  }
  it('rejects hostile field values with a typed result instead of throwing', () => {
    const hostile: Partial<EvmTransaction>[] = [
      { value: -1n }, { nonce: -5n }, { gasLimit: -1n }, { maxFeePerGas: -10n },
      { data: 'not bytes' as unknown as Uint8Array }, { type: 9 as unknown as 2 }, { value: 1 as unknown as bigint },
    ]
    for (const over of hostile) {
      const state = new JournaledState()
      state.setBalance(A, 1_000_000n)
      const r = executeTransaction(state, transfer(over), block)
      expect(r.valid ? 'valid' : r.error, JSON.stringify(over, (_, v) => (typeof v === 'bigint' ? String(v) : v))).toBe('TX_FIELD_OUT_OF_RANGE')
      expect(state.getBalance(A)).toBe(1_000_000n)
    }
  })
  it('rejects a sender with code (EIP-3607)', () => {
    const state = new JournaledState()
    state.setBalance(A, 1_000_000n)
    state.setCode(A, new Uint8Array([0x00]))
    const r = executeTransaction(state, transfer(), block)
    expect(r.valid ? 'valid' : r.error).toBe('SENDER_NOT_EOA')
  })
  it('deploys contracts at the sender-nonce address', () => {
    const state = new JournaledState()
    state.setBalance(A, 10n ** 18n)
    // init code: return one byte 0x00 as the runtime code
    const r = executeTransaction(state, transfer({ to: null, value: 0n, gasLimit: 100_000n, data: new Uint8Array([0x60, 0x01, 0x60, 0x00, 0xf3]) }), block)
    expect(r.valid && r.status).toBe('success')
    expect(r.valid && r.createdAddress).toBe(createAddress(A, 0n))
    expect(state.getCode(r.valid ? r.createdAddress! : A)).toHaveLength(1)
  })
})

describe('transaction gas', () => {
  it('intrinsic gas counts calldata, creation, access lists and init code words', () => {
    expect(intrinsicGas({ to: B, data: new Uint8Array([0, 1, 2]) }, Fork.Cancun).gas).toBe(21000n + 4n + 32n)
    expect(intrinsicGas({ to: null, data: new Uint8Array(33) }, Fork.Cancun).gas).toBe(21000n + 32000n + 33n * 4n + 2n * 2n)
    expect(intrinsicGas({ to: B, data: new Uint8Array(), accessList: [{ address: B, storageKeys: [1n, 2n] }] }, Fork.Cancun).gas).toBe(21000n + 2400n + 3800n)
  })
  it('Prague adds the EIP-7623 calldata floor', () => {
    const data = new Uint8Array(100).fill(1)
    expect(intrinsicGas({ to: B, data }, Fork.Cancun).floor).toBe(0n)
    expect(intrinsicGas({ to: B, data }, Fork.Prague).floor).toBe(21000n + 10n * 400n)
  })
  it('blob base fee follows fake_exponential (EIP-4844)', () => {
    expect(fakeExponential(1n, 0n, 3338477n)).toBe(1n)
    expect(blobBaseFee(3338477n, 3338477n)).toBe(2n) // ≈ e
    expect(blobBaseFee(10n * 3338477n, 3338477n)).toBe(fakeExponential(1n, 10n * 3338477n, 3338477n))
  })
})

describe('tables and precompiles', () => {
  it('Cancun adds TLOAD, TSTORE, MCOPY, BLOBHASH, BLOBBASEFEE', () => {
    const t = evmTable(Fork.Cancun)
    expect([0x5c, 0x5d, 0x5e, 0x49, 0x4a].map((op) => t.names[op])).toEqual(['TLOAD', 'TSTORE', 'MCOPY', 'BLOBHASH', 'BLOBBASEFEE'])
    expect(evmTable(Fork.Shanghai).names[0x5c]).toMatch(/^INVALID/)
    expect(t.jumpdest).toBe(0x5b)
  })
  it('precompile sets per fork', () => {
    expect(precompilesFor(Fork.Cancun).size).toBe(10)
    expect(precompilesFor(Fork.Shanghai).size).toBe(9)
  })
})

describe('transaction phases', () => {
  // Calls 0x…0100 with STATICCALL and returns [success, gas left after the call].
  const caller = new Uint8Array([0x5f, 0x5f, 0x5f, 0x5f, 0x61, 0x01, 0x00, 0x61, 0xff, 0xff, 0xfa, 0x5f, 0x52, 0x5a, 0x60, 0x20, 0x52, 0x60, 0x40, 0x5f, 0xf3])
  const C = '0x00000000000000000000000000000000000000cc'
  const P = '0x0000000000000000000000000000000000000100'
  const setup = (): JournaledState => {
    const state = new JournaledState()
    state.setBalance(A, 10n ** 18n)
    state.setCode(C, caller)
    return state
  }

  it('executeTransaction is validate → pre-execution → execution → post-execution', () => {
    const tx = transfer({ to: C, value: 0n, gasLimit: 200_000n })
    const composed = setup()
    composed.beginTransaction(precompilesFor(Fork.Cancun))
    const checked = validateTransaction(composed, tx, block, Fork.Cancun)
    if (!checked.valid) throw new Error(checked.message)
    const prepared = preExecution(composed, tx, block, checked)
    const composedResult = postExecution(composed, tx, block, checked, prepared, executeMessage(composed, tx, block, checked, prepared))
    const direct = setup()
    const directResult = executeTransaction(direct, tx, block)
    expect(composedResult).toEqual(directResult)
    expect(composed.getBalance(A)).toBe(direct.getBalance(A))
  })

  it('validation writes nothing and names the error', () => {
    const state = setup()
    state.beginTransaction()
    const v = validateTransaction(state, transfer({ nonce: 3n }), block, Fork.Cancun)
    expect(v.valid ? 'valid' : v.error).toBe('NONCE_MISMATCH')
    expect(state.getNonce(A)).toBe(0n)
  })

  it('a precompile set given as an option is installed and warm', () => {
    const echoCaller: Precompile = (input, gas, context) => ({ ok: true, gasUsed: 15, output: new Uint8Array(32).fill(context?.caller === C ? 1 : 2) })
    const precompiles = new Map([...precompilesFor(Fork.Cancun), [P, echoCaller] as const])
    const r = executeTransaction(setup(), transfer({ to: C, value: 0n, gasLimit: 200_000n }), block, { precompiles })
    expect(r.valid && r.status).toBe('success')
    const out = r.valid ? r.output : new Uint8Array()
    expect(out[31]).toBe(1) // STATICCALL succeeded
    // Without the option the address is an empty, cold account: the call succeeds with 2,600 more gas.
    const plain = executeTransaction(setup(), transfer({ to: C, value: 0n, gasLimit: 200_000n }), block)
    expect(r.valid && plain.valid && plain.gasUsed - r.gasUsed).toBe(2600n - 100n - 15n)
  })
})
