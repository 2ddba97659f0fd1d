/**
 * The TokenTreasury walkthrough behaves as on Hedera: the expected values
 * come from the spec (/work/shared/spec/hedera.md) and the contract's own
 * numbers, not from a run — response codes (§4), the $1 create fee at the
 * exchange rate, balances as the transfers add up, the facade's Transfer
 * event (§3), and gas by the §5 formula, recomputed here by hand.
 */
import {
  FEE_COLLECTOR_ADDRESS, HTS_ADDRESS, HTS_CREATE_GAS, HTS_PRICES, htsGasForPrice, ResponseCode as RC,
} from '@zvm/chain-hedera'
import { bytesToHex, decodeFunctionResult, encodeFunctionData, hexToBytes, parseAbi, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { solcVersion } from '../src/compile.ts'
import { CREATE_VALUE, HTS_DIRECT_ABI, runWalkthrough, type StepResult } from '../src/walkthrough.ts'

/** Spec §5: intrinsic gas = 21000 + 4 per zero byte + 16 per non-zero byte of the calldata. */
function intrinsic(data: Hex): bigint {
  return hexToBytes(data).reduce((gas, b) => gas + (b === 0 ? 4n : 16n), 21_000n)
}

/** Spec §5, by hand: P tinycents, G = 852000; g = floor((P+G-1)·1000/G); gas = g + floor(g/5). */
const G = 852_000n
const gOf = (p: bigint) => ((p + G - 1n) * 1000n) / G
const formulaGas = (p: bigint) => gOf(p) + gOf(p) / 5n
/** 1 USD = 100 cents = 100 · 10^8 tinycents. */
const USD = 100n * 100_000_000n

/**
 * What a contract call's own EVM work may add on top of intrinsic + HTS gas:
 * dispatch and ABI coding, a cold SLOAD of `token` (2,100), one CALL (cold
 * target 2,600 at most), memory, an event or two (≈ 1–2k). Far below either price.
 */
const CONTRACT_OVERHEAD = 10_000n
/** A direct call to a token address: none under the facade emulator, the redirect proxy's few opcodes and DELEGATECALL (warm 0x167) otherwise. */
const PROXY_OVERHEAD = 1_000n

const lower = (v: unknown) => String(v).toLowerCase()

describe('TokenTreasury on ZVM (Hedera)', () => {
  const w = runWalkthrough()
  const { ledger } = w.world
  const { operator, alice, bob } = w.world.accounts
  const s = w.steps
  const INITIAL = 1_000_000n // TokenTreasury.INITIAL_SUPPLY
  const MINTED = 500_000n

  /** gasUsed − intrinsic − the HTS price's gas: the contract's own EVM work. */
  const evmPart = (step: StepResult, htsGas: bigint) => step.result.gasUsed - intrinsic(step.data) - htsGas

  it('compiles with the pinned solc 0.8.30 and deploys', () => {
    expect(solcVersion()).toMatch(/^0\.8\.30\+/)
    expect([s.deploy.result.status, s.deploy.result.responseCode]).toEqual(['success', RC.SUCCESS])
    expect(w.contract).toMatch(/^0x[0-9a-f]{40}$/)
  })

  it("spec §5's formula by hand: $0.001 → 12737 → 15284, $0.0001 → 2607, $0.05 → the package's numbers", () => {
    expect(gOf(USD / 1000n)).toBe(12_737n)
    expect(formulaGas(USD / 1000n)).toBe(15_284n)
    expect(formulaGas(USD / 10_000n)).toBe(2_607n)
    expect(BigInt(HTS_PRICES.classic)).toBe(USD / 1000n)
    expect(BigInt(HTS_PRICES.approveOrAssociate)).toBe(USD / 20n)
    expect(BigInt(htsGasForPrice(HTS_PRICES.classic))).toBe(formulaGas(USD / 1000n))
    expect(BigInt(htsGasForPrice(HTS_PRICES.approveOrAssociate))).toBe(formulaGas(USD / 20n))
    expect(BigInt(htsGasForPrice(HTS_PRICES.view))).toBe(formulaGas(USD / 10_000n))
  })

  it('createToken(): rc 22, the contract is treasury and supply key, msg.value pays the $1 fee and the change comes back', () => {
    expect([s.create.result.status, s.create.result.responseCode, s.create.htsCode]).toEqual(['success', RC.SUCCESS, RC.SUCCESS])
    expect(s.create.events).toEqual([{ address: w.contract, eventName: 'TokenCreated', args: { token: expect.any(String) } }])
    expect(lower(s.create.events[0].args.token)).toBe(w.token)
    const info = ledger.getToken(w.token)!
    expect([info.name, info.symbol, info.decimals, info.type]).toEqual(['Treasury Gold', 'TGLD', 2, 'fungible'])
    expect(info.treasury).toBe(ledger.resolveId(w.contract))
    expect(info.keys.supply).toEqual({ kind: 'entity', address: w.contract })
    expect(info.keys.admin).toBeUndefined()
    expect(s.create.balances).toEqual({ treasury: INITIAL, alice: 0n, bob: 0n, totalSupply: INITIAL })
    // $1 = 10^10 tinycents; at 12 cents per HBAR 1 tinybar = 12 tinycents: floor(10^10 / 12) tinybar.
    const fee = USD / 12n
    expect(fee).toBe(833_333_333n)
    expect(CREATE_VALUE).toBeGreaterThan(fee)
    // Gas costs no HBAR here (gas price 0): the operator pays exactly the fee, which goes to 0.0.98.
    expect(w.hbarBefore.operator - w.hbarAfter.operator).toBe(fee)
    expect(w.hbarAfter.feeCollector - w.hbarBefore.feeCollector).toBe(fee)
    expect(w.hbarAfter.contract).toBe(0n)
    expect(w.world.state.getBalance(FEE_COLLECTOR_ADDRESS)).toBe(fee)
    // The create's gas: docs/hedera.md's fixed HTS_CREATE_GAS (the dollar price is paid in HBAR), plus the contract's work.
    expect(s.create.result.gasUsed).toBeGreaterThanOrEqual(intrinsic(s.create.data) + BigInt(HTS_CREATE_GAS))
  })

  it('the contract cannot associate Bob (he did not sign): INVALID_SIGNATURE, the transaction reverts', () => {
    expect([s.associateViaContract.result.status, s.associateViaContract.result.responseCode]).toEqual(['revert', RC.CONTRACT_REVERT_EXECUTED])
    expect(s.associateViaContract.revert).toEqual({ errorName: 'HtsCallFailed', args: [BigInt(RC.INVALID_SIGNATURE)] })
    expect(s.associateViaContract.htsCode).toBe(7)
    expect(ledger.isAssociated(w.token, bob.address)).toBe(false)
    // The failed associate is charged its $0.05 price all the same.
    const extra = evmPart(s.associateViaContract, formulaGas(USD / 20n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(CONTRACT_OVERHEAD)
  })

  it('Alice associates herself on 0x167: rc 22, gas = intrinsic + the $0.05 formula exactly', () => {
    expect([s.associateAlice.result.status, s.associateAlice.result.responseCode, s.associateAlice.returned]).toEqual(['success', RC.SUCCESS, 22n])
    expect(ledger.isAssociated(w.token, alice.address)).toBe(true)
    // A top-level call to a system contract runs no EVM code: intrinsic gas plus the precompile's price.
    expect(s.associateAlice.result.gasUsed).toBe(intrinsic(s.associateAlice.data) + formulaGas(USD / 20n))
    expect(s.associateAlice.result.logs).toEqual([])
  })

  it('mint: rc 22, new total supply returned and emitted, minted to the treasury', () => {
    expect([s.mint.result.responseCode, s.mint.htsCode, s.mint.returned]).toEqual([RC.SUCCESS, RC.SUCCESS, INITIAL + MINTED])
    expect(s.mint.events).toEqual([{ address: w.contract, eventName: 'Minted', args: { amount: MINTED, newTotalSupply: INITIAL + MINTED } }])
    expect(s.mint.balances).toEqual({ treasury: INITIAL + MINTED, alice: 0n, bob: 0n, totalSupply: INITIAL + MINTED })
    const extra = evmPart(s.mint, formulaGas(USD / 1000n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(CONTRACT_OVERHEAD)
  })

  it('sendViaHts: transferToken answers 22 and moves the tokens', () => {
    expect([s.sendHts.result.responseCode, s.sendHts.htsCode]).toEqual([RC.SUCCESS, RC.SUCCESS])
    expect(s.sendHts.events.filter((e) => e.address === w.contract)).toEqual([
      { address: w.contract, eventName: 'SentViaHts', args: { to: expect.any(String), amount: 100_000n } },
    ])
    expect(s.sendHts.balances).toEqual({ treasury: INITIAL + MINTED - 100_000n, alice: 100_000n, bob: 0n, totalSupply: INITIAL + MINTED })
    const extra = evmPart(s.sendHts, formulaGas(USD / 1000n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(CONTRACT_OVERHEAD)
  })

  it("sendViaErc20: the facade's transfer emits Transfer(contract, Alice, amount) from the token's address", () => {
    expect([s.sendErc20.result.status, s.sendErc20.result.responseCode]).toEqual(['success', RC.SUCCESS])
    expect(s.sendErc20.events).toHaveLength(1)
    const [e] = s.sendErc20.events
    expect([e.address, e.eventName, lower(e.args.from), lower(e.args.to), e.args.value]).toEqual([w.token, 'Transfer', w.contract, alice.address, 50_000n])
    // The raw log: topic 0 = keccak("Transfer(address,address,uint256)").
    const log = s.sendErc20.result.logs[0]
    expect(log.topics).toEqual([0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3efn, BigInt(w.contract), BigInt(alice.address)])
    expect(s.sendErc20.balances).toEqual({ treasury: INITIAL + MINTED - 150_000n, alice: 150_000n, bob: 0n, totalSupply: INITIAL + MINTED })
    const extra = evmPart(s.sendErc20, formulaGas(USD / 1000n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(CONTRACT_OVERHEAD)
  })

  it("Alice's own token.transfer() from her wallet: true, Transfer event, gas = intrinsic + $0.001 (+ the proxy's few opcodes)", () => {
    expect([s.aliceErc20.result.responseCode, s.aliceErc20.returned]).toEqual([RC.SUCCESS, true])
    expect(s.aliceErc20.events.map((e) => [e.address, e.eventName, lower(e.args.from), lower(e.args.to), e.args.value]))
      .toEqual([[w.token, 'Transfer', alice.address, w.contract, 2_500n]])
    expect(s.aliceErc20.balances).toEqual({ treasury: INITIAL + MINTED - 147_500n, alice: 147_500n, bob: 0n, totalSupply: INITIAL + MINTED })
    const extra = evmPart(s.aliceErc20, formulaGas(USD / 1000n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(PROXY_OVERHEAD)
  })

  it('a transfer to Bob, who never associated: HTS answers 184 (the contract reverts with it), the facade reverts with its name', () => {
    const before = s.aliceErc20.balances
    expect([s.failHts.result.status, s.failHts.result.responseCode]).toEqual(['revert', RC.CONTRACT_REVERT_EXECUTED])
    expect(s.failHts.revert).toEqual({ errorName: 'HtsCallFailed', args: [184n] })
    expect([s.failErc20.result.status, s.failErc20.result.responseCode]).toEqual(['revert', RC.CONTRACT_REVERT_EXECUTED])
    expect(s.failErc20.revert).toEqual({ errorName: 'Error', args: ['TOKEN_NOT_ASSOCIATED_TO_ACCOUNT'] })
    expect([s.failHts.htsCode, s.failErc20.htsCode]).toEqual([184, 184])
    expect(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT).toBe(184)
    for (const step of [s.failHts, s.failErc20]) {
      expect(step.balances).toEqual(before)
      expect(step.result.logs).toEqual([])
      // A failed HTS call is charged its price; the revert keeps the gas spent.
      expect(evmPart(step, formulaGas(USD / 1000n))).toBeGreaterThanOrEqual(0n)
    }
    expect(ledger.isAssociated(w.token, bob.address)).toBe(false)
  })

  it('total supply: initial + minted, by the facade and the ledger, and the balances add up to it', () => {
    const b = s.totalSupply.balances!
    expect(s.totalSupply.returned).toBe(INITIAL + MINTED)
    expect(b.totalSupply).toBe(INITIAL + MINTED)
    expect(b.treasury + b.alice + b.bob).toBe(INITIAL + MINTED)
    // A view at the token address costs intrinsic + the $0.0001 price (+ the proxy's few opcodes).
    const extra = evmPart(s.totalSupply, formulaGas(USD / 10_000n))
    expect(extra).toBeGreaterThanOrEqual(0n)
    expect(extra).toBeLessThan(PROXY_OVERHEAD)
  })

  it('pairs of otherwise-identical transactions differ by the formula difference', () => {
    const { send } = w.world
    // 1. Alice's associate calldata sent to an account without code costs intrinsic gas only:
    //    the difference is the $0.05 price's gas.
    const toPlain = send(alice.address, bob.address, s.associateAlice.data)
    expect(toPlain.gasUsed).toBe(intrinsic(s.associateAlice.data))
    expect(s.associateAlice.result.gasUsed - toPlain.gasUsed).toBe(formulaGas(USD / 20n))
    // 2. The same associate again: 194, charged the same price (a failure costs what a success does).
    const again = send(alice.address, HTS_ADDRESS, s.associateAlice.data)
    expect(decodeFunctionResult({ abi: HTS_DIRECT_ABI, functionName: 'associateToken', data: bytesToHex(again.output) })).toBe(194n)
    expect(again.gasUsed).toBe(s.associateAlice.result.gasUsed)
    // 3. Alice moves 1 unit to the treasury with transferToken on 0x167: after intrinsic gas, the two
    //    top-level calls differ by formula($0.05) − formula($0.001).
    const transferAbi = parseAbi(['function transferToken(address token, address sender, address recipient, int64 amount) returns (int64)'])
    const data = encodeFunctionData({ abi: transferAbi, functionName: 'transferToken', args: [w.token, alice.address, w.contract, 1n] })
    const transfer = send(alice.address, HTS_ADDRESS, data)
    expect(decodeFunctionResult({ abi: transferAbi, functionName: 'transferToken', data: bytesToHex(transfer.output) })).toBe(22n)
    expect(ledger.balanceOf(w.token, alice.address)).toBe(147_499n)
    expect((s.associateAlice.result.gasUsed - intrinsic(s.associateAlice.data)) - (transfer.gasUsed - intrinsic(data)))
      .toBe(formulaGas(USD / 20n) - formulaGas(USD / 1000n))
    // 4. The contract's sendViaHts, twice with the same arguments (it stores nothing per call): the same gas.
    const again1 = send(operator.address, w.contract, s.sendHts.data)
    const again2 = send(operator.address, w.contract, s.sendHts.data)
    expect([again1.responseCode, again2.responseCode]).toEqual([RC.SUCCESS, RC.SUCCESS])
    expect(again1.gasUsed).toBe(again2.gasUsed)
    expect(ledger.balanceOf(w.token, alice.address)).toBe(147_499n + 200_000n)
  })
})
