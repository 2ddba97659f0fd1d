/**
 * 0x167 called directly: selectors against the spec's table, the §5 gas
 * examples, classic answers vs view reverts, refused call kinds, hostile
 * input (never throws, never an internal failure), and the revert property
 * through the precompile.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { defaultBlockEnv, defaultTxEnv, type PrecompileContext, type PrecompileResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { decodeFunctionResult, encodeErrorResult, encodeFunctionData, parseAbi, toFunctionSelector, toHex, type AbiFunction } from 'viem'
import { describe, expect, it } from 'vitest'
import { setup } from '../../test/fixture.ts'
import { createExchangeRatePrecompile, ERC20_ABI, ERC721_ABI, facadePrecompile, createHtsPrecompile, createPrngPrecompile, entityIdToAddress, HTS_ABI, HTS_ADDRESS, HTS_PRICES, htsGasForPrice, ResponseCode as RC } from '../index.ts'

const SPEC = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'spec', 'hedera.md')

function world() {
  const w = setup()
  const tokenId = w.token({ keys: w.allKeys })
  const hts = createHtsPrecompile(w.ledger)
  const context = (over: Partial<PrecompileContext> = {}): PrecompileContext => ({
    address: HTS_ADDRESS, codeAddress: HTS_ADDRESS, caller: w.treasury.address, value: 0n, isStatic: false, scheme: 0, depth: 1,
    state: w.state, block: defaultBlockEnv(), tx: defaultTxEnv(), ...over,
  })
  const call = (fn: string, args: readonly unknown[], over: Partial<PrecompileContext> = {}, gas = 1_000_000): PrecompileResult =>
    hts(bytes(encodeFunctionData({ abi: HTS_ABI, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0])), gas, context(over))
  const decode = (fn: string, r: PrecompileResult) => {
    if (!r.ok) throw new Error(`reverted: ${r.reason}`)
    return decodeFunctionResult({ abi: HTS_ABI, functionName: fn, data: toHex(r.output) } as Parameters<typeof decodeFunctionResult>[0]) as unknown
  }
  return { ...w, token: entityIdToAddress(tokenId), hts, context, call, decode }
}

/** The fixture's token factory (world() replaces `token` with the fungible token's address). */
function setupToken(w: ReturnType<typeof world>) {
  return (extra: Parameters<ReturnType<typeof setup>['token']>[0]) => {
    const r = w.ledger.createToken({ name: 'Apes', symbol: 'APE', treasury: w.treasury.id, initialSupply: 0n, caller: w.treasury.address, ...extra })
    if (r.code !== 22) throw new Error(`createToken failed with ${r.code}`)
    return r.tokenId!
  }
}

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}

describe('HTS 0x167', () => {
  it.skipIf(!existsSync(SPEC))('computes every selector of the spec table (§2)', () => {
    const table = readFileSync(SPEC, 'utf8').split('## 2.')[1].split('## 3.')[0]
    const specSelectors = [...table.matchAll(/^\| ([0-9a-f]{8}(?: \/ [0-9a-f]{8})*) \|/gm)].flatMap((m) => m[1].split(' / '))
    const ours = HTS_ABI.filter((f) => f.type === 'function').map((f) => toFunctionSelector(f as AbiFunction).slice(2))
    expect([...ours].sort()).toEqual([...specSelectors].sort())
  })

  it('prices calls by the §5 formula', () => {
    expect(htsGasForPrice(HTS_PRICES.classic)).toBe(15_284)
    expect(htsGasForPrice(HTS_PRICES.view)).toBe(2_607)
    const w = world()
    const r = w.call('transferToken', [w.token, w.treasury.address, w.alice.address, 1n])
    expect(r.gasUsed).toBe(15_284)
    expect(w.call('isToken', [w.token]).gasUsed).toBe(2_607)
    expect(w.call('transferToken', [w.token, w.treasury.address, w.alice.address, 1n], {}, 15_283)).toMatchObject({ ok: false, reason: 'INSUFFICIENT_GAS', gasUsed: 15_283 })
    expect('revert' in w.call('transferToken', [w.token, w.treasury.address, w.alice.address, 1n], {}, 15_283)).toBe(false) // all gas, no data
  })

  it('classic functions answer a code; views revert on failure', () => {
    const w = world()
    expect(w.decode('transferToken', w.call('transferToken', [w.token, w.treasury.address, w.alice.address, 1n]))).toBe(BigInt(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT))
    expect(w.decode('associateToken', w.call('associateToken', [w.alice.address, w.token], { caller: w.alice.address }))).toBe(22n)
    expect(w.decode('mintToken', w.call('mintToken', [w.token, 5n, []]))).toEqual([22n, 1005n, []])
    expect(w.decode('burnToken', w.call('burnToken', [w.token, 5000n, []]))).toEqual([BigInt(RC.INSUFFICIENT_TOKEN_BALANCE), 0n])
    const unknown = entityIdToAddress('0.0.4242')
    // A failed view REVERTs with Error("INVALID_TOKEN_ID") and charges the view price, not the call's gas.
    const revertData = encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['INVALID_TOKEN_ID'] })
    const failedView = w.call('getTokenInfo', [unknown])
    expect(failedView).toMatchObject({ ok: false, reason: 'INVALID_TOKEN_ID', gasUsed: 2_607 })
    expect(!failedView.ok && failedView.revert && toHex(failedView.revert)).toBe(revertData)
    expect(w.call('getTokenType', [unknown])).toMatchObject({ ok: false, reason: 'INVALID_TOKEN_ID', gasUsed: 2_607 })
    expect(w.decode('isToken', w.call('isToken', [unknown]))).toEqual([22n, false])
    const [code, info] = w.decode('getFungibleTokenInfo', w.call('getFungibleTokenInfo', [w.token])) as [bigint, { tokenInfo: { token: { name: string; tokenKeys: unknown[] }; totalSupply: bigint }; decimals: number }]
    expect([code, info.tokenInfo.token.name, info.tokenInfo.totalSupply, info.tokenInfo.token.tokenKeys.length, info.decimals]).toEqual([22n, 'Gold', 1005n, 7, 0])
    expect(w.decode('allowance', w.call('allowance', [w.token, w.treasury.address, w.alice.address]))).toEqual([22n, 0n])
  })

  it('refuses DELEGATECALL, CALLCODE, writes in a static frame and value to a non-payable function', () => {
    const w = world()
    const args = [w.token] as const
    expect(w.call('pauseToken', args, { scheme: 2 })).toMatchObject({ ok: false, reason: 'NOT_SUPPORTED' })
    expect(w.call('pauseToken', args, { scheme: 1 })).toMatchObject({ ok: false })
    expect(w.call('pauseToken', args, { isStatic: true, scheme: 3 })).toMatchObject({ ok: false, reason: 'LOCAL_CALL_MODIFICATION_EXCEPTION', gasUsed: 15_284 })
    expect(w.call('isToken', args, { isStatic: true, scheme: 3 }).ok).toBe(true)
    expect(w.call('pauseToken', args, { value: 1n })).toMatchObject({ ok: false })
    expect(w.ledger.getToken(w.token)!.paused).toBe(false)
  })

  it('malformed data: a classic function answers 82, a view reverts, short input reverts', () => {
    const w = world()
    const transfer = bytes(encodeFunctionData({ abi: HTS_ABI, functionName: 'transferToken', args: [w.token, w.token, w.token, 1n] }))
    const r = w.hts(transfer.subarray(0, 40), 100_000, w.context())
    expect(w.decode('transferToken', r)).toBe(BigInt(RC.ERROR_DECODING_BYTESTRING))
    const view = bytes(encodeFunctionData({ abi: HTS_ABI, functionName: 'getTokenInfo', args: [w.token] }))
    expect(w.hts(view.subarray(0, 10), 100_000, w.context())).toMatchObject({ ok: false, reason: 'ERROR_DECODING_BYTESTRING' })
    expect(w.hts(Uint8Array.of(1, 2), 100_000, w.context())).toMatchObject({ ok: false })
    // A huge array length in transferTokens.
    const huge = bytes(encodeFunctionData({ abi: HTS_ABI, functionName: 'transferTokens', args: [w.token, [w.treasury.address], [1n]] }))
    huge.set(Array(32).fill(0xff), 4 + 96)
    expect(w.decode('transferTokens', w.hts(huge, 100_000, w.context()))).toBe(BigInt(RC.ERROR_DECODING_BYTESTRING))
  })

  it('answers words Solidity would not decode as malformed (82), not as values', () => {
    const w = world()
    w.ledger.associate({ account: w.alice.address, token: w.token, caller: w.alice.address })
    w.ledger.grantKyc({ token: w.token, account: w.alice.address, caller: w.treasury.address })
    const transfer = bytes(encodeFunctionData({ abi: HTS_ABI, functionName: 'transferToken', args: [w.token, w.treasury.address, w.alice.address, 5n] }))
    // The well-formed call moves 5.
    expect(w.decode('transferToken', w.hts(transfer, 100_000, w.context()))).toBe(22n)
    const bigAmount = transfer.slice()
    bigAmount[4 + 3 * 32 + 23] = 1 // the int64 slot now holds 2^64 + 5
    const dirtyAddress = transfer.slice()
    dirtyAddress[4 + 32 + 0] = 0xab // high bytes of the `from` address word
    for (const input of [bigAmount, dirtyAddress]) {
      expect(w.decode('transferToken', w.hts(input, 100_000, w.context()))).toBe(BigInt(RC.ERROR_DECODING_BYTESTRING))
    }
    expect(w.ledger.balanceOf(w.token, w.alice.address)).toBe(5n)
    // The facade reverts with the same code; an unknown selector there is NOT_SUPPORTED.
    const facade = facadePrecompile(w.ledger, w.token)
    const erc20 = bytes(encodeFunctionData({ abi: ERC20_ABI, functionName: 'transfer', args: [w.alice.address, 1n] }))
    erc20[4 + 1] = 0x01
    expect(facade(erc20, 100_000, w.context({ address: w.token, codeAddress: w.token }))).toMatchObject({ ok: false, reason: 'ERROR_DECODING_BYTESTRING' })
    expect(facade(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), 100_000, w.context({ address: w.token, codeAddress: w.token }))).toMatchObject({ ok: false, reason: 'NOT_SUPPORTED' })
    // Trailing bytes after a canonical encoding are accepted, as Solidity accepts them.
    expect(w.decode('transferToken', w.hts(new Uint8Array([...transfer, 0, 0, 0]), 100_000, w.context()))).toBe(22n)
  })

  it('mints, burns and wipes at most 10 NFTs per call (228 BATCH_SIZE_LIMIT_EXCEEDED)', () => {
    const w = world()
    const nft = setupToken(w)({ type: 'nonFungible', keys: w.allKeys })
    const meta = (n: number) => Array.from({ length: n }, () => toHex('m'))
    expect(w.decode('mintToken', w.call('mintToken', [entityIdToAddress(nft), 0n, meta(11)], {}, 10_000_000))).toEqual([228n, 0n, []])
    const minted = w.decode('mintToken', w.call('mintToken', [entityIdToAddress(nft), 0n, meta(10)], {}, 10_000_000)) as [bigint, bigint, bigint[]]
    expect(minted[0]).toBe(22n)
    const again = w.decode('mintToken', w.call('mintToken', [entityIdToAddress(nft), 0n, meta(1)])) as [bigint, bigint, bigint[]]
    expect(again[2]).toEqual([11n])
    const serials = Array.from({ length: 11 }, (_, i) => BigInt(i + 1))
    expect(w.decode('burnToken', w.call('burnToken', [entityIdToAddress(nft), 0n, serials]))).toEqual([228n, 0n])
    expect(w.ledger.wipe({ token: nft, account: w.treasury.id, serials, caller: w.treasury.address })).not.toBe(22)
    expect(w.ledger.getToken(nft)?.totalSupply).toBe(11n)
  })

  it('never throws and never fails inside on hostile input', () => {
    const w = world()
    const selectors = HTS_ABI.filter((f) => f.type === 'function').map((f) => bytes(toFunctionSelector(f as AbiFunction)))
    const valid = bytes(encodeFunctionData({ abi: HTS_ABI, functionName: 'cryptoTransfer', args: [{ transfers: [] }, [{ token: w.token, transfers: [], nftTransfers: [] }]] }))
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(...selectors), fc.uint8Array({ maxLength: 400 })).map(([s, tail]) => Uint8Array.from([...s, ...tail])),
      fc.tuple(fc.constantFrom(...selectors), fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 600n }), fc.constant((1n << 256n) - 1n), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })), { maxLength: 12 }))
        .map(([s, words]) => Uint8Array.from([...s, ...words.flatMap((v) => [...bytes(`0x${v.toString(16).padStart(64, '0')}`)])])),
      fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, b]) => { const v = valid.slice(); v[i] = b; return v }),
    )
    fc.assert(fc.property(input, fc.boolean(), fc.integer({ min: 0, max: 200_000 }), (data, isStatic, gas) => {
      const cp = w.state.checkpoint()
      const r = w.hts(data, gas, w.context({ isStatic, scheme: isStatic ? 3 : 0 }))
      w.state.revert(cp)
      expect(r.gasUsed).toBeLessThanOrEqual(gas)
      if (!r.ok) expect(r.reason).not.toBe('FAIL_INVALID')
    }), { numRuns: 1500 })
    const rate = createExchangeRatePrecompile(), prng = createPrngPrecompile(), facade = facadePrecompile(w.ledger, w.token)
    const erc20 = ERC20_ABI.filter((f) => f.type === 'function').map((f) => bytes(toFunctionSelector(f as AbiFunction)))
    const facadeInput = fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.tuple(fc.constantFrom(...erc20), fc.uint8Array({ maxLength: 100 })).map(([s, t]) => Uint8Array.from([...s, ...t])))
    fc.assert(fc.property(facadeInput, fc.uint8Array({ maxLength: 80 }), (f, data) => {
      const cp = w.state.checkpoint()
      const r = facade(f, 100_000, w.context({ address: w.token, codeAddress: w.token }))
      w.state.revert(cp)
      if (!r.ok) expect(r.reason).not.toBe('FAIL_INVALID')
      expect(rate(data, 10_000, w.context()).ok).toBe(data.length === 36 && [0x2e3cff6a, 0x43a88229].includes(Buffer.from(data.subarray(0, 4)).readUInt32BE(0)))
      expect(() => prng(data, 10_000, w.context())).not.toThrow()
    }), { numRuns: 500 })
  })

  it('the ERC-721 facade never throws or fails inside on hostile input', () => {
    const w = world()
    const nftId = setupToken(w)({ type: 'nonFungible', initialSupply: 0n, decimals: 0, keys: w.allKeys })
    expect(w.ledger.mint({ token: nftId, amount: 0n, metadata: [Uint8Array.of(0xff, 0xfe), new TextEncoder().encode('ipfs://x')], caller: w.treasury.address }).code).toBe(RC.SUCCESS)
    const nft = entityIdToAddress(nftId)
    const facade = facadePrecompile(w.ledger, nft)
    const selectors = ERC721_ABI.filter((f) => f.type === 'function').map((f) => bytes(toFunctionSelector(f as AbiFunction)))
    const word = fc.oneof(fc.bigInt({ min: 0n, max: 3n }), fc.constant((1n << 256n) - 1n), fc.constant(BigInt(w.treasury.address)), fc.constant(BigInt(w.alice.address)))
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc.tuple(fc.constantFrom(...selectors), fc.array(word, { maxLength: 4 })).map(([s, words]) => Uint8Array.from([...s, ...words.flatMap((v) => [...bytes(`0x${v.toString(16).padStart(64, '0')}`)])])),
    )
    fc.assert(fc.property(input, fc.boolean(), fc.integer({ min: 0, max: 1_000_000 }), (data, isStatic, gas) => {
      const cp = w.state.checkpoint()
      const r = facade(data, gas, w.context({ address: nft, codeAddress: nft, isStatic, scheme: isStatic ? 3 : 0 }))
      w.state.revert(cp)
      expect(r.gasUsed).toBeLessThanOrEqual(gas)
      if (!r.ok) expect(r.reason).not.toBe('FAIL_INVALID')
    }), { numRuns: 800 })
  })

  it('calls inside a reverted checkpoint leave the ledger unchanged', () => {
    const w = world()
    w.call('associateToken', [w.alice.address, w.token], { caller: w.alice.address })
    const people: Address[] = [w.treasury.address, w.alice.address, w.bob.address]
    const op = fc.record({ kind: fc.nat(9), a: fc.nat(2), b: fc.nat(2), amount: fc.bigInt({ min: -3n, max: 2000n }) })
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const before = JSON.stringify(w.ledger.snapshot())
      const cp = w.state.checkpoint()
      for (const o of ops) {
        const [a, b] = [people[o.a], people[o.b]]
        const calls: [string, unknown[], Address][] = [
          ['transferToken', [w.token, a, b, o.amount], a], ['mintToken', [w.token, o.amount, []], w.treasury.address],
          ['burnToken', [w.token, o.amount, []], w.treasury.address], ['associateToken', [a, w.token], a], ['dissociateToken', [a, w.token], a],
          ['approve', [w.token, b, o.amount < 0n ? 0n : o.amount], a], ['freezeToken', [w.token, b], w.treasury.address],
          ['wipeTokenAccount', [w.token, b, o.amount], w.treasury.address], ['pauseToken', [w.token], w.treasury.address],
          ['transferTokens', [w.token, [a, b], [-o.amount, o.amount]], a],
        ]
        const [fn, args, caller] = calls[o.kind]
        w.call(fn, args, { caller })
      }
      w.state.revert(cp)
      expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
    }), { numRuns: 200 })
  })
})
