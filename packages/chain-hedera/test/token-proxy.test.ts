/**
 * Token addresses run Hedera's redirect proxy (HIP-719, spec §3): the code
 * is visible to the EVM, the proxy's DELEGATECALL to 0x167 is the one
 * DELEGATECALL 0x167 takes, and the emulator (`facade: 'emulator'`) gives
 * the same answers, events and ledger at a little less gas.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { Address } from '@zvm/primitives'
import { concatHex, decodeFunctionResult, encodeErrorResult, encodeFunctionData, parseAbi, toHex, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { ERC20_ABI, ERC721_ABI, HTS_ABI, HTS_ADDRESS, ResponseCode as RC, type HederaTransactionOptions } from '../src/index.ts'
import { tokenProxyCode } from '../src/token-proxy.ts'
import { HBAR, hederaWorld, OTHER, OWNER, USER } from './evm-world.ts'
import { compileContracts } from './solc.ts'

const bytes = (hex: Hex) => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
const reason = (name: string) => encodeErrorResult({ abi: parseAbi(['error Error(string message)']), errorName: 'Error', args: [name] })

/** A world with a fungible token (treasury OWNER, 1,000 units), USER associated, and a deployed Probe. */
function tokenWorld(options: HederaTransactionOptions = {}) {
  const w = hederaWorld(options)
  const created = w.ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: OWNER, initialSupply: 1000n, caller: OWNER })
  expect(created.code).toBe(RC.SUCCESS)
  const token = created.address!
  expect(w.ledger.associate({ account: USER, token, caller: USER })).toBe(RC.SUCCESS)
  const { Probe } = compileContracts()
  const deployed = w.run(OWNER, null, Probe.bytecode)
  if (!deployed.valid || deployed.status !== 'success') throw new Error('probe deploy failed')
  const probe = deployed.createdAddress!
  const probeCall = (fn: string, args: readonly unknown[], from: Address = OWNER, value = 0n) =>
    w.call(fn, args, { from, to: probe, abi: Probe.abi, value })
  return { ...w, token, probe, probeCall }
}

describe('the token redirect proxy (HIP-719)', () => {
  it('puts the proxy bytecode with the token address at every token, and reports 0x167 as empty', () => {
    const w = tokenWorld()
    const expected = tokenProxyCode(w.token)
    expect(toHex(expected).includes(`618dc65e${w.token.slice(2)}`)).toBe(true)
    const [size, hash, code] = w.probeCall('codeOf', [w.token]).value as [bigint, Hex, Hex]
    expect([size, hash, code]).toEqual([BigInt(expected.length), toHex(keccak_256(expected)), toHex(expected)])
    const [hSize, hHash] = w.probeCall('codeOf', [HTS_ADDRESS]).value as [bigint, Hex]
    expect([hSize, hHash]).toEqual([0n, toHex(keccak_256(new Uint8Array()))])
  })

  it('gives the emulator’s outputs, events and ledger, at a small extra gas for the proxy', () => {
    const worlds = [tokenWorld(), tokenWorld({ facade: 'emulator' })]
    const erc20 = (functionName: string, args: readonly unknown[]) =>
      bytes(encodeFunctionData({ abi: ERC20_ABI, functionName, args } as Parameters<typeof encodeFunctionData>[0]))
    // [from, to ('token' or 'probe' forwarding to the token), calldata]
    const steps: [Address, 'token' | 'probe', Uint8Array][] = [
      [OWNER, 'token', erc20('transfer', [USER, 250n])],
      [USER, 'token', erc20('approve', [OTHER, 100n])],
      [OTHER, 'token', erc20('transferFrom', [USER, OWNER, 60n])],
      [OTHER, 'token', erc20('transferFrom', [USER, OWNER, 41n])], // over the allowance left: reverts
      [USER, 'token', erc20('transfer', [OTHER, 1n])], // OTHER not associated: reverts
      [OWNER, 'token', erc20('balanceOf', [USER])],
      [OWNER, 'token', erc20('name', [])],
      [USER, 'probe', erc20('totalSupply', [])],
      [USER, 'probe', erc20('transfer', [OWNER, 5n])], // the probe holds nothing: reverts inside, the probe returns (false, reason)
    ]
    const results = worlds.map((w) => steps.map(([from, to, data]) => {
      const r = to === 'token'
        ? w.run(from, w.token, data)
        : w.run(from, w.probe, bytes(encodeFunctionData({ abi: compileContracts().Probe.abi, functionName: 'forward', args: [w.token, toHex(data)] })))
      if (!r.valid) throw new Error(r.message)
      return { status: r.status, output: toHex(r.output), logs: r.logs.map((l) => ({ ...l })), gas: r.gasUsed, code: r.responseCode }
    }))
    const [proxy, emulator] = results
    for (let i = 0; i < steps.length; i++) {
      const { gas: proxyGas, ...p } = proxy[i]
      const { gas: emulatorGas, ...e } = emulator[i]
      expect(p, `step ${i}`).toEqual(e)
      // The proxy's own instructions, memory and the DELEGATECALL to the (warm) system contract.
      expect(proxyGas - emulatorGas, `step ${i}`).toBeGreaterThan(0n)
      expect(proxyGas - emulatorGas, `step ${i}`).toBeLessThan(1_000n)
    }
    expect(proxy.map((s) => s.status)).toEqual(['success', 'success', 'success', 'revert', 'revert', 'success', 'success', 'success', 'success'])
    expect(proxy[3].output).toBe(reason('AMOUNT_EXCEEDS_ALLOWANCE'))
    expect(proxy[4].output).toBe(reason('TOKEN_NOT_ASSOCIATED_TO_ACCOUNT'))
    expect(proxy[0].logs[0].address).toBe(worlds[0].token)
    expect(worlds[0].ledger.snapshot()).toEqual(worlds[1].ledger.snapshot())
    expect(worlds[0].ledger.balanceOf(worlds[0].token, USER)).toBe(250n - 60n)
  })

  it('refuses a DELEGATECALL to 0x167 that does not come from the token’s own proxy', () => {
    const w = tokenWorld()
    const transfer = encodeFunctionData({ abi: ERC20_ABI, functionName: 'transfer', args: [USER, 1n] })
    const packed = concatHex(['0x618dc65e', w.token, transfer])
    const before = w.ledger.snapshot()
    // A contract forging the proxy's packed call to 0x167.
    expect(w.probeCall('delegate', [HTS_ADDRESS, packed]).value).toEqual([false, reason('NOT_SUPPORTED')])
    // A contract running the token's proxy code in its own context: the proxy's DELEGATECALL names the token, not the probe.
    expect(w.probeCall('delegate', [w.token, transfer]).value).toEqual([false, reason('NOT_SUPPORTED')])
    expect(w.ledger.snapshot()).toEqual(before)
    // The ABI-encoded redirectForToken by CALL still answers (rc, bytes).
    const balanceOf = encodeFunctionData({ abi: ERC20_ABI, functionName: 'balanceOf', args: [OWNER] })
    const redirect = encodeFunctionData({ abi: HTS_ABI, functionName: 'redirectForToken', args: [w.token, balanceOf] })
    const [ok, out] = w.probeCall('forward', [HTS_ADDRESS, redirect]).value as [boolean, Hex]
    expect(ok).toBe(true)
    const [rc, inner] = decodeFunctionResult({ abi: HTS_ABI, functionName: 'redirectForToken', data: out }) as readonly [bigint, Hex]
    expect([rc, BigInt(inner)]).toEqual([22n, 1000n])
    // Value sent to the proxy reverts in the proxy itself (its CALLVALUE check), with no data.
    const paid = w.run(OWNER, w.token, bytes(transfer), 1n)
    expect(paid.valid && [paid.status, paid.output.length]).toEqual(['revert', 0])
  })

  it('lets Solidity call ERC-721 functions that return nothing through the interface', () => {
    const w = hederaWorld()
    const { NftCollection } = compileContracts()
    const deployed = w.run(OWNER, null, NftCollection.bytecode)
    if (!deployed.valid || deployed.status !== 'success') throw new Error('deploy failed')
    const collection = deployed.createdAddress!
    const created = w.call('create', ['Apes', 'APE'], { to: collection, abi: NftCollection.abi, value: 10n * HBAR })
    const token = ((created.value as [bigint, Hex])[1]).toLowerCase() as Address
    w.call('mint', [[toHex('ipfs://1')]], { to: collection, abi: NftCollection.abi })
    expect(w.ledger.associate({ account: USER, token, caller: USER })).toBe(RC.SUCCESS)
    const sent = w.call('sendHighLevel', [USER, 1n], { to: collection, abi: NftCollection.abi })
    expect(sent.r.status).toBe('success')
    const owner = w.run(OTHER, token, bytes(encodeFunctionData({ abi: ERC721_ABI, functionName: 'ownerOf', args: [1n] })))
    expect(owner.valid && decodeFunctionResult({ abi: ERC721_ABI, functionName: 'ownerOf', data: toHex(owner.output) }).toLowerCase()).toBe(USER)
  })
})

describe('hollow accounts from EVM value transfers (spec §6)', () => {
  const fresh = (n: number) => `0xdd${n.toString(16).padStart(38, '0')}` as Address

  it('creates one for an unknown address that keeps HBAR, and none where the transfer was undone', () => {
    const w = tokenWorld()
    const direct = w.run(OWNER, fresh(1), new Uint8Array(), 5n * HBAR)
    expect(direct.valid && direct.status).toBe('success')
    const hollow = w.ledger.getAccount(fresh(1))!
    expect(hollow).toMatchObject({ alias: fresh(1), key: undefined, maxAutoAssociations: -1 })
    expect(w.ledger.hbarBalance(hollow.id)).toBe(5n * HBAR)

    expect(w.probeCall('pay', [fresh(2), HBAR, false], OWNER, HBAR).r.status).toBe('success')
    expect(w.ledger.getAccount(fresh(2))?.alias).toBe(fresh(2))

    expect(w.probeCall('pay', [fresh(3), HBAR, true], OWNER, HBAR).r.status).toBe('revert')
    expect(w.probeCall('payInRevertedChild', [fresh(4), HBAR], OWNER).r.status).toBe('success')
    for (const n of [3, 4]) {
      expect(w.ledger.getAccount(fresh(n))).toBeUndefined()
      expect(w.state.getBalance(fresh(n))).toBe(0n)
    }

    expect(w.run(OWNER, w.probe, new Uint8Array(), 2n * HBAR).valid).toBe(true)
    expect(w.probeCall('destroy', [fresh(5)]).r.status).toBe('success')
    expect(w.ledger.getAccount(fresh(5))?.maxAutoAssociations).toBe(-1)

    // A known account gets no second one; the hollow account takes tokens by auto-association.
    const accounts = w.ledger.snapshot().accounts.length
    expect(w.run(OWNER, USER, new Uint8Array(), 1n).valid).toBe(true)
    expect(w.ledger.snapshot().accounts.length).toBe(accounts)
    expect(w.ledger.transferToken({ token: w.token, from: OWNER, to: fresh(1), amount: 7n, caller: OWNER })).toBe(RC.SUCCESS)
    expect(w.ledger.balanceOf(w.token, fresh(1))).toBe(7n)
  })
})
