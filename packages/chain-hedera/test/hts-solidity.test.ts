/**
 * The HTS system contract reached from Solidity: HtsUser.sol (its own
 * IHederaTokenService subset) compiled with npm solc, run with
 * executeHederaTransaction; balances read from the ledger.
 */
import { encodeErrorResult, encodeFunctionData, erc20Abi, parseAbi, toHex, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { entityIdToAddress, FEE_COLLECTOR_ADDRESS, ResponseCode as RC, responseCodeName, tinycentsToTinybars } from '../src/index.ts'
import { HBAR, hederaWorld, OTHER, OWNER, USER } from './evm-world.ts'

const HTS_DIRECT = parseAbi([
  'function associateToken(address account, address token) returns (int64)',
  'function dissociateToken(address account, address token) returns (int64)',
  'function transferFrom(address token, address from, address to, uint256 amount) returns (int64)',
])
const HTS = '0x0000000000000000000000000000000000000167'
const HTS_VIEWS = parseAbi(['function getTokenType(address token) returns (int64, int32)'])
const ERROR_ABI = parseAbi(['error Error(string message)'])
const CREATE_FEE = tinycentsToTinybars(10_000_000_000n)

/** A world with a fungible token (1000.00 units, 2 decimals) whose treasury and every key is the contract. */
function withToken() {
  const w = hederaWorld()
  const { r, value } = w.call('create', ['Gold', 'AU', '0x0000000000000000000000000000000000000000', 100_000n, 2, false, 0n, true], { value: 10n * HBAR })
  expect(r.status).toBe('success')
  const [code, token] = value as [bigint, `0x${string}`]
  expect(Number(code)).toBe(RC.SUCCESS)
  const t = token.toLowerCase() as `0x${string}`
  const associate = (who: `0x${string}`) => w.rc('associateToken', [who, t], { from: who, to: HTS, abi: HTS_DIRECT })
  return { ...w, token: t, associate }
}

describe('HTS from Solidity', () => {
  it('creates a fungible token with the contract as treasury; msg.value pays the $1 fee', () => {
    const w = withToken()
    const info = w.ledger.getToken(w.token)!
    expect([info.name, info.symbol, info.decimals, info.totalSupply]).toEqual(['Gold', 'AU', 2, 100_000n])
    expect(w.ledger.resolveId(w.contract)).toBe(info.treasury)
    expect(w.ledger.balanceOf(w.token, w.contract)).toBe(100_000n)
    expect(w.state.getBalance(FEE_COLLECTOR_ADDRESS)).toBe(CREATE_FEE)
    // The excess of msg.value came back to the contract.
    expect(w.state.getBalance(w.contract)).toBe(10n * HBAR - CREATE_FEE)
    expect(w.token).toBe(entityIdToAddress(info.id))
  })

  it('associate, KYC, transfer, approve + transferFrom, mint, burn, wipe, pause, freeze, delete', () => {
    const w = withToken()
    const { token } = w
    expect(w.associate(USER)).toBe(RC.SUCCESS)
    expect(w.associate(USER)).toBe(RC.TOKEN_ALREADY_ASSOCIATED_TO_ACCOUNT)
    expect(w.rc('transfer', [token, USER, 100n])).toBe(RC.ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN)
    expect(w.rc('grantKyc', [token, USER])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 100n])).toBe(RC.SUCCESS)
    expect(w.ledger.balanceOf(token, USER)).toBe(100n)
    expect(w.rc('transfer', [token, USER, 1_000_000n])).toBe(RC.INSUFFICIENT_TOKEN_BALANCE)
    expect(w.rc('transfer', [token, OTHER, 1n])).toBe(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT)

    // approve + transferFrom: USER spends the contract's allowance.
    expect(w.rc('transferFrom', [token, w.contract, USER, 5n], { from: USER, to: HTS, abi: HTS_DIRECT })).toBe(RC.SPENDER_DOES_NOT_HAVE_ALLOWANCE)
    expect(w.rc('approve', [token, USER, 50n])).toBe(RC.SUCCESS)
    expect(w.rc('transferFrom', [token, w.contract, USER, 51n], { from: USER, to: HTS, abi: HTS_DIRECT })).toBe(RC.AMOUNT_EXCEEDS_ALLOWANCE)
    expect(w.rc('transferFrom', [token, w.contract, USER, 50n], { from: USER, to: HTS, abi: HTS_DIRECT })).toBe(RC.SUCCESS)
    expect(w.ledger.balanceOf(token, USER)).toBe(150n)
    expect(w.ledger.allowance(token, w.contract, USER)).toBe(0n)

    expect(w.rc('mint', [token, 1_000n])).toBe(RC.SUCCESS)
    expect(w.rc('mint', [token, -1n])).toBe(RC.INVALID_TOKEN_MINT_AMOUNT)
    expect(w.rc('burn', [token, 500n])).toBe(RC.SUCCESS)
    expect(w.rc('burn', [token, -1n])).toBe(RC.INVALID_TOKEN_BURN_AMOUNT)
    expect(w.ledger.getToken(token)!.totalSupply).toBe(100_500n)
    expect(w.rc('wipe', [token, USER, 10n])).toBe(RC.SUCCESS)
    expect(w.ledger.balanceOf(token, USER)).toBe(140n)
    expect(w.ledger.getToken(token)!.totalSupply).toBe(100_490n)
    expect(w.rc('dissociateToken', [USER, token], { from: USER, to: HTS, abi: HTS_DIRECT })).toBe(RC.TRANSACTION_REQUIRES_ZERO_TOKEN_BALANCES)

    expect(w.rc('freeze', [token, USER])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 1n])).toBe(RC.ACCOUNT_FROZEN_FOR_TOKEN)
    expect(w.rc('unfreeze', [token, USER])).toBe(RC.SUCCESS)
    expect(w.rc('revokeKyc', [token, USER])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 1n])).toBe(RC.ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN)
    expect(w.rc('grantKyc', [token, USER])).toBe(RC.SUCCESS)

    expect(w.rc('pause', [token])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 1n])).toBe(RC.TOKEN_IS_PAUSED)
    expect(w.rc('remove', [token])).toBe(RC.TOKEN_IS_PAUSED)
    expect(w.rc('unpause', [token])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 1n])).toBe(RC.SUCCESS)
    expect(w.rc('remove', [token])).toBe(RC.SUCCESS)
    expect(w.rc('transfer', [token, USER, 1n])).toBe(RC.TOKEN_WAS_DELETED)
    expect(w.ledger.balanceOf(token, USER)).toBe(141n)
  })

  it('answers each reachable failure code without reverting', () => {
    const w = withToken()
    const zero = '0x0000000000000000000000000000000000000000'
    const create = (name: string, symbol: string, extra: { treasury?: string; initial?: bigint; decimals?: number; finite?: boolean; max?: bigint; keys?: boolean; value?: bigint } = {}) => {
      const { value } = w.call('create', [name, symbol, extra.treasury ?? zero, extra.initial ?? 10n, extra.decimals ?? 0, extra.finite ?? false, extra.max ?? 0n, extra.keys ?? true], { value: extra.value ?? 10n * HBAR })
      return Number((value as [bigint])[0])
    }
    const before = w.state.getBalance(w.contract)
    const fees = w.state.getBalance(FEE_COLLECTOR_ADDRESS)
    expect(create('', 'X')).toBe(RC.MISSING_TOKEN_NAME)
    expect(create('X', '')).toBe(RC.MISSING_TOKEN_SYMBOL)
    expect(create('a\u0000b', 'X')).toBe(RC.INVALID_ZERO_BYTE_IN_STRING)
    expect(create('X', 'X', { decimals: -1 })).toBe(RC.INVALID_TOKEN_DECIMALS)
    expect(create('X', 'X', { initial: -1n })).toBe(RC.INVALID_TOKEN_INITIAL_SUPPLY)
    expect(create('X', 'X', { treasury: entityIdToAddress('0.0.999999') })).toBe(RC.INVALID_TREASURY_ACCOUNT_FOR_TOKEN)
    expect(create('X', 'X', { value: CREATE_FEE - 1n })).toBe(RC.INSUFFICIENT_TX_FEE)
    // Failed creates give msg.value back to the calling contract and charge no fee.
    expect(w.state.getBalance(w.contract)).toBe(before + 6n * 10n * HBAR + CREATE_FEE - 1n)
    expect(w.state.getBalance(FEE_COLLECTOR_ADDRESS)).toBe(fees)

    expect(create('Capped', 'CAP', { finite: true, max: 10n })).toBe(RC.SUCCESS)
    const capped = (w.ledger.getToken(w.call('lastToken', []).value as string)!.id)
    expect(w.rc('mint', [entityIdToAddress(capped), 1n])).toBe(RC.TOKEN_MAX_SUPPLY_REACHED)
    expect(create('Keyless', 'NK', { keys: false })).toBe(RC.SUCCESS)
    const keyless = entityIdToAddress(w.ledger.getToken(w.call('lastToken', []).value as string)!.id)
    expect(w.rc('mint', [keyless, 1n])).toBe(RC.TOKEN_HAS_NO_SUPPLY_KEY)
    expect(w.rc('pause', [keyless])).toBe(266)
    expect(w.rc('remove', [keyless])).toBe(193)

    const unknown = entityIdToAddress('0.0.999999')
    expect(w.rc('transfer', [unknown, USER, 1n])).toBe(RC.INVALID_TOKEN_ID)
    expect(w.rc('approve', [w.token, unknown, 1n])).toBe(RC.INVALID_ALLOWANCE_SPENDER_ID)
    expect(w.rc('transferTokens', [w.token, [w.contract, USER], [-2n, 1n]])).toBe(RC.TRANSFERS_NOT_ZERO_SUM_FOR_TOKEN)
    expect(w.rc('freeze', [w.token, unknown])).toBe(RC.INVALID_ACCOUNT_ID)
  })

  it('a reverted frame leaves the ledger unchanged; a revert gives 33, out of gas 30', () => {
    const w = withToken()
    w.associate(USER)
    w.rc('grantKyc', [w.token, USER])
    const before = JSON.stringify(w.ledger.snapshot())
    const { r } = w.call('transferThenRevert', [w.token, USER, 7n])
    expect([r.status, r.responseCode]).toEqual(['revert', RC.CONTRACT_REVERT_EXECUTED])
    expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
    const inner = w.call('transferInRevertedCall', [w.token, USER, 7n])
    expect([inner.r.responseCode, inner.value]).toEqual([RC.SUCCESS, false])
    expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
    // Too little gas for 0x167's price: the precompile fails and Solidity bubbles it up as a revert.
    const short = w.call('transfer', [w.token, USER, 7n], { gasLimit: 30_000n })
    expect(short.r.responseCode).toBe(RC.CONTRACT_REVERT_EXECUTED)
    const starved = w.call('transfer', [w.token, USER, 7n], { gasLimit: 22_000n })
    expect([starved.r.error, starved.r.responseCode]).toEqual(['OutOfGas', RC.INSUFFICIENT_GAS])
    expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
  })

  it('refuses DELEGATECALL to 0x167; getTokenType; 0x168 and 0x169; EXTCODEHASH of system addresses', () => {
    const w = withToken()
    expect(w.call('delegateToHts', [w.token]).value).toBe(false)
    expect(w.ledger.getToken(w.token)!.paused).toBe(false)
    expect(w.call('tokenType', [w.token]).value).toEqual([22n, 0])
    expect(w.call('tokenType', [OTHER]).r.status).toBe('revert') // a failed view reverts, and so does the caller
    expect(w.call('dollarInTinybars', []).value).toBe(CREATE_FEE)
    expect(w.call('seed', []).value).toBe(`0x${'1234'.padStart(64, '0')}`)
    const empty = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
    for (const a of ['0x167', '0x168', '0x169', '0x16a', '0x16b']) {
      expect(w.call('systemCodeHash', [`0x${a.slice(2).padStart(40, '0')}`]).value).toBe(empty)
    }
  })

  it('an ERC-20 facade transfer from a contract emits Transfer from the token address', () => {
    const w = withToken()
    w.associate(USER)
    w.rc('grantKyc', [w.token, USER])
    const { r, value } = w.call('facadeTransfer', [w.token, USER, 25n])
    expect([r.status, value]).toEqual(['success', true])
    expect(w.ledger.balanceOf(w.token, USER)).toBe(25n)
    const transferTopic = 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3efn
    const log = r.logs.find((l) => l.address === w.token)!
    expect(log.topics).toEqual([transferTopic, BigInt(w.contract), BigInt(USER)])
    expect(BigInt(`0x${Buffer.from(log.data).toString('hex')}`)).toBe(25n)
    expect(w.call('facadeBalance', [w.token, USER]).value).toBe(25n)
    // A failing facade call reverts (OTHER is not associated).
    expect(w.call('facadeTransfer', [w.token, OTHER, 1n]).r.status).toBe('revert')
    void OWNER
  })

  it('failed views and facade calls revert with Error(<code name>) and charge only the formula gas', () => {
    const w = withToken()
    const reason = (name: string) => encodeErrorResult({ abi: ERROR_ABI, errorName: 'Error', args: [name] })
    expect(w.call('tokenTypeReason', [OTHER]).value).toBe('INVALID_TOKEN_ID')
    // A good view and a failed one cost the same formula gas (2,607) plus the call's own cost.
    const good = w.call('probe', [HTS, encodeFunctionData({ abi: HTS_VIEWS, functionName: 'getTokenType', args: [w.token] })])
    const bad = w.call('probe', [HTS, encodeFunctionData({ abi: HTS_VIEWS, functionName: 'getTokenType', args: [OTHER] })])
    const [okGood, , usedGood] = good.value as [boolean, Hex, bigint]
    const [okBad, data, usedBad] = bad.value as [boolean, Hex, bigint]
    expect([okGood, okBad, data]).toEqual([true, false, reason('INVALID_TOKEN_ID')])
    expect(usedBad).toBeGreaterThanOrEqual(2_607n)
    expect(usedBad).toBeLessThan(usedGood + 1_000n)
    // A facade transfer to an unassociated account: TOKEN_NOT_ASSOCIATED_TO_ACCOUNT at the transfer price (15,284), not the call's gas.
    const transfer = w.call('probe', [w.token, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [OTHER, 1n] })], { gasLimit: 5_000_000n })
    const [okT, dataT, usedT] = transfer.value as [boolean, Hex, bigint]
    expect([transfer.r.status, okT, dataT]).toEqual(['success', false, reason(responseCodeName(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT))])
    expect(usedT).toBeGreaterThanOrEqual(15_284n)
    expect(usedT).toBeLessThan(15_284n + 5_000n)
    expect(transfer.r.gasUsed).toBeLessThan(100_000n)
    // A top-level transaction to a failing view: status revert, the revert data as output, gas = intrinsic + 2,607.
    const input = encodeFunctionData({ abi: HTS_VIEWS, functionName: 'getTokenType', args: [OTHER] })
    const direct = w.run(USER, HTS, Uint8Array.from(Buffer.from(input.slice(2), 'hex')))
    if (!direct.valid) throw new Error(direct.message)
    expect([direct.status, direct.responseCode, toHex(direct.output)]).toEqual(['revert', RC.CONTRACT_REVERT_EXECUTED, reason('INVALID_TOKEN_ID')])
    const intrinsic = 21_000n + [...Buffer.from(input.slice(2), 'hex')].reduce((n, b) => n + (b === 0 ? 4n : 16n), 0n)
    expect(direct.gasUsed).toBe(intrinsic + 2_607n)
  })

  it('caps gas at 15,000,000 per transaction (111)', () => {
    const w = hederaWorld()
    const r = w.run(OWNER, USER, new Uint8Array(), 1n, 15_000_001n)
    expect(r.valid ? 0 : r.responseCode).toBe(RC.MAX_GAS_LIMIT_EXCEEDED)
    const low = w.run(OWNER, USER, new Uint8Array(), 1n, 20_999n)
    expect(low.valid ? 0 : low.responseCode).toBe(RC.INSUFFICIENT_GAS)
    const ok = w.run(OWNER, USER, new Uint8Array(), 1n, 15_000_000n)
    expect(ok.valid && [ok.responseCode, ok.gasUsed]).toEqual([RC.SUCCESS, 21_000n])
  })
})
