/**
 * The HTS system contract at 0x167 (spec §1–2, §5) as a stateful
 * precompile over a HederaLedger. Every selector of spec §2 is decoded and
 * encoded by viem from the Solidity signatures in `hts-abi.ts`.
 *
 * - Classic functions answer an int64 response code first (22 SUCCESS)
 *   and never revert on a business failure; their other results are zero
 *   then. Input that does not decode for a known selector answers 82
 *   ERROR_DECODING_BYTESTRING the same way.
 * - Views (allowance, isToken, getTokenInfo, getFungibleTokenInfo,
 *   getTokenType) revert on failure: an unknown token reverts with
 *   INVALID_TOKEN_ID, undecodable input with ERROR_DECODING_BYTESTRING.
 * - Reverts REVERT like a contract's (the core undoes the call's writes
 *   and gives back the gas not charged) with revert data
 *   `Error("<response code name>")`: failed views and a state-changing
 *   call in a static frame (LOCAL_CALL_MODIFICATION_EXCEPTION) at the
 *   call's formula gas; input shorter than a selector, an unknown selector
 *   (NOT_SUPPORTED), DELEGATECALL or CALLCODE (spec §1) and value sent to
 *   a non-payable function at the view price. The one DELEGATECALL taken
 *   is a token's redirect proxy (token-proxy.ts) running at the token's
 *   address: `618dc65e ‖ token ‖ calldata`, packed, answered by the facade.
 * - Too little gas for the price (INSUFFICIENT_GAS) fails the call with no
 *   data and consumes all its gas, as running out of gas does.
 * - createFungibleToken / createNonFungibleToken are payable: msg.value
 *   (tinybar) pays the $1 create price at the exchange rate; short → 9
 *   INSUFFICIENT_TX_FEE and the value goes back; the price goes to the fee
 *   collector (0.0.98) and any excess back to the caller.
 * - The acting party is the caller (`context.caller`); a contract without a
 *   Hedera account gets one on first use (`ensureContractAccount`).
 * - Gas: spec §5's formula at each call's USD price (`pricing.ts`).
 * - Nothing escapes: an unexpected exception fails the call (FAIL_INVALID, all gas).
 */
import { CallScheme, type Precompile, type PrecompileContext, type PrecompileResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { decodeFunctionData, encodeAbiParameters, toFunctionSelector, toHex, type AbiFunction, type Hex } from 'viem'
import { entityIdToAddress } from '../ids.ts'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { ensureContractAccount, failed, isCanonicalCall, lower, returned, reverted, ZERO_ADDRESS, zeroValues } from './common.ts'
import { REDIRECT_FOR_TOKEN_SELECTOR } from '../token-proxy.ts'
import { answerFacadeCall, runFacade } from './facade.ts'
import { HTS_ABI } from './hts-abi.ts'
import { tokenInfoTuple, tokenOptionsFromTuple, type HederaTokenTuple } from './hts-token.ts'
import { atomically, cryptoTransfer, transferTokens, type TokenTransferListTuple } from './hts-transfers.ts'
import { DEFAULT_EXCHANGE_RATE, HTS_CREATE_GAS, HTS_PRICES, htsGasForPrice, tinycentsToTinybars, type ExchangeRate } from './pricing.ts'

/** The HTS system contract's address. */
export const HTS_ADDRESS: Address = '0x0000000000000000000000000000000000000167'
/** Where create fees go: 0.0.98, the network's funding account. */
export const FEE_COLLECTOR_ADDRESS: Address = entityIdToAddress('0.0.98')

/** Options of {@link createHtsPrecompile}. */
export interface HtsPrecompileOptions {
  /** HBAR/USD rate for the create price (default 1 HBAR = 12 cents). */
  exchangeRate?: ExchangeRate
  /** TokenInfo.ledgerId (default '0x03', a local network). */
  ledgerId?: string
}

const FUNCTIONS = new Map<string, AbiFunction>(
  HTS_ABI.filter((f): f is Extract<(typeof HTS_ABI)[number], { type: 'function' }> => f.type === 'function').map((f) => [f.name, f as AbiFunction]),
)
/** Functions by selector, computed by viem from the signatures. */
const SELECTORS = new Map<number, AbiFunction>([...FUNCTIONS.values()].map((f) => [Number.parseInt(toFunctionSelector(f).slice(2), 16), f]))
const VIEWS = new Set(['allowance', 'isToken', 'getTokenInfo', 'getFungibleTokenInfo', 'getTokenType'])
const PAYABLE = new Set(['createFungibleToken', 'createNonFungibleToken'])

type Args = readonly unknown[]
/** A call's answer: results to encode (response code first for classic functions), or a code to revert with. */
type Answer = { values: unknown[] } | { revert: number }

const priced = (tinycents: number) => htsGasForPrice(tinycents)

/** Gas of a decoded call (spec §5). */
function gasOf(ledger: HederaLedger, name: string, args: Args): number {
  switch (name) {
    case 'createFungibleToken': case 'createNonFungibleToken': return HTS_CREATE_GAS
    case 'approve': return priced(HTS_PRICES.approveOrAssociate)
    case 'associateToken': case 'dissociateToken': return priced(HTS_PRICES.approveOrAssociate)
    case 'associateTokens': case 'dissociateTokens': return priced(HTS_PRICES.approveOrAssociate * Math.max(1, (args[1] as Args).length))
    case 'mintToken': {
      const token = ledger.getToken(lower(args[0] as string))
      const count = (args[2] as Args).length
      return token?.type === 'nonFungible' ? priced(HTS_PRICES.nftMint * Math.max(1, count)) : priced(HTS_PRICES.classic)
    }
    case 'cryptoTransfer': {
      const lists = args[1] as readonly TokenTransferListTuple[]
      const fungible = lists.filter((l) => l.transfers.length > 0).length
      const nfts = lists.reduce((n, l) => n + l.nftTransfers.length, 0)
      return priced(Math.max(HTS_PRICES.classic, fungible * HTS_PRICES.classic + nfts * HTS_PRICES.nftTransfer))
    }
    default: return VIEWS.has(name) ? priced(HTS_PRICES.view) : priced(HTS_PRICES.classic)
  }
}

/**
 * The 0x167 precompile over `ledger`.
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger, createHtsPrecompile, HTS_ADDRESS } from '@zvm/chain-hedera'
 * const hts = createHtsPrecompile(new HederaLedger(new JournaledState()))
 * const precompiles = new Map([[HTS_ADDRESS, hts]]) // executeTransaction's `precompiles` option
 * ```
 */
export function createHtsPrecompile(ledger: HederaLedger, options: HtsPrecompileOptions = {}): Precompile {
  const rate = options.exchangeRate ?? DEFAULT_EXCHANGE_RATE
  const ledgerId = options.ledgerId ?? '0x03'
  const viewGas = priced(HTS_PRICES.view)

  return (input, gasLimit, context) => {
    try {
      return run(input, gasLimit, context)
    } catch {
      return failed(gasLimit, RC.FAIL_INVALID)
    }
  }

  /** A refused call: it reverts at the view price, or fails when even that is more than the gas given. */
  function refuse(gasLimit: number, code: number): PrecompileResult {
    return viewGas > gasLimit ? failed(gasLimit, RC.INSUFFICIENT_GAS) : reverted(viewGas, code)
  }

  function run(input: Uint8Array, gasLimit: number, context: PrecompileContext): PrecompileResult {
    if (input.length < 4) return refuse(gasLimit, RC.ERROR_DECODING_BYTESTRING)
    const selector = ((input[0] << 24) | (input[1] << 16) | (input[2] << 8) | input[3]) >>> 0
    if (context.scheme === CallScheme.DelegateCall && selector === REDIRECT_FOR_TOKEN_SELECTOR) return fromTokenProxy(input, gasLimit, context)
    const fn = SELECTORS.get(selector)
    if (fn === undefined) return refuse(gasLimit, RC.NOT_SUPPORTED)
    // Spec §1: system contracts take CALL (and STATICCALL); DELEGATECALL and CALLCODE are refused.
    if (context.scheme === CallScheme.CallCode || context.scheme === CallScheme.DelegateCall) return refuse(gasLimit, RC.NOT_SUPPORTED)
    const isView = VIEWS.has(fn.name)
    if (context.value !== 0n && !PAYABLE.has(fn.name)) return refuse(gasLimit, RC.INVALID_TRANSACTION_BODY)
    let args: Args
    try {
      args = (decodeFunctionData({ abi: [fn], data: toHex(input) }).args ?? []) as Args
      if (!isCanonicalCall([fn], fn.name, args, input)) throw new Error('not canonical')
    } catch {
      if (viewGas > gasLimit) return failed(gasLimit, RC.INSUFFICIENT_GAS)
      if (isView) return reverted(viewGas, RC.ERROR_DECODING_BYTESTRING)
      refundValue(context)
      return encode(fn, viewGas, [RC.ERROR_DECODING_BYTESTRING, ...zeroValues(fn.outputs).slice(1)])
    }
    const gas = gasOf(ledger, fn.name, args)
    if (gas > gasLimit) return failed(gasLimit, RC.INSUFFICIENT_GAS)
    if (!isView && context.isStatic) return reverted(gas, RC.LOCAL_CALL_MODIFICATION_EXCEPTION)
    const caller = context.caller
    if (!isView) ensureContractAccount(ledger, context, caller)
    const answer = call(fn, args, caller, context)
    if ('revert' in answer) return reverted(gas, answer.revert)
    return encode(fn, gas, answer.values)
  }

  /**
   * Spec §3: a token's proxy code DELEGATECALLs 0x167 with the packed
   * `618dc65e ‖ token ‖ calldata`, so the frame runs at the token's address
   * with the original caller. Only that frame may: the token named must be
   * the executing address, else the DELEGATECALL is refused like any other.
   */
  function fromTokenProxy(input: Uint8Array, gasLimit: number, context: PrecompileContext): PrecompileResult {
    if (input.length < 24) return refuse(gasLimit, RC.ERROR_DECODING_BYTESTRING)
    let token = '0x'
    for (let i = 4; i < 24; i++) token += input[i].toString(16).padStart(2, '0')
    if (token !== context.address.toLowerCase() || ledger.getToken(token) === undefined) return refuse(gasLimit, RC.NOT_SUPPORTED)
    return answerFacadeCall(ledger, token as Address, input.subarray(24), gasLimit, context)
  }

  function encode(fn: AbiFunction, gas: number, values: unknown[]): PrecompileResult {
    const hex = encodeAbiParameters(fn.outputs, values.map((v, i) => (i === 0 && typeof v === 'number' && fn.outputs[0].type === 'int64' ? BigInt(v) : v)))
    return returned(gas, hexToBytes(hex))
  }

  /** Sends msg.value back to the caller (a create that did not happen). */
  function refundValue(context: PrecompileContext): void {
    if (context.value !== 0n) context.state.transfer(context.address, context.caller, context.value)
  }

  function rcOnly(code: number): Answer {
    return { values: [code] }
  }

  function call(fn: AbiFunction, args: Args, caller: Address, context: PrecompileContext): Answer {
    const a = (i: number) => lower(args[i] as string)
    const n = (i: number) => args[i] as bigint
    switch (fn.name) {
      case 'transferToken': return rcOnly(ledger.transferToken({ token: a(0), from: a(1), to: a(2), amount: n(3), caller }))
      case 'transferFrom': return rcOnly(ledger.transferToken({ token: a(0), from: a(1), to: a(2), amount: n(3), caller }))
      case 'transferTokens': return rcOnly(transferTokens(ledger, a(0), args[1] as readonly string[], args[2] as readonly bigint[], caller))
      case 'cryptoTransfer': {
        const hbar = (args[0] as { transfers: readonly { accountID: string; amount: bigint }[] }).transfers
        return rcOnly(cryptoTransfer(ledger, hbar, args[1] as readonly TokenTransferListTuple[], caller))
      }
      case 'mintToken': {
        const metadata = (args[2] as readonly Hex[]).map(hexToBytes)
        const r = ledger.mint({ token: a(0), amount: n(1), metadata: metadata.length > 0 ? metadata : undefined, caller })
        return r.code === RC.SUCCESS ? { values: [r.code, r.totalSupply!, r.serials ?? []] } : { values: [r.code, 0n, []] }
      }
      case 'burnToken': {
        const serials = args[2] as readonly bigint[]
        const r = ledger.burn({ token: a(0), amount: n(1), serials: serials.length > 0 ? serials : undefined, caller })
        return { values: [r.code, r.code === RC.SUCCESS ? r.totalSupply! : 0n] }
      }
      case 'associateToken': return rcOnly(ledger.associate({ account: a(0), token: a(1), caller }))
      case 'dissociateToken': return rcOnly(ledger.dissociate({ account: a(0), token: a(1), caller }))
      case 'associateTokens':
      case 'dissociateTokens': {
        const account = a(0)
        const tokens = (args[1] as readonly string[]).map(lower)
        const op = fn.name === 'associateTokens' ? ledger.associate.bind(ledger) : ledger.dissociate.bind(ledger)
        return rcOnly(atomically(context.state, () => {
          for (const token of tokens) {
            const code = op({ account, token, caller })
            if (code !== RC.SUCCESS) return code
          }
          return RC.SUCCESS
        }))
      }
      case 'createFungibleToken':
      case 'createNonFungibleToken': return create(fn.name === 'createFungibleToken', args, caller, context)
      case 'approve': return rcOnly(ledger.approve({ token: a(0), owner: caller, spender: a(1), amount: n(2), caller }))
      case 'allowance': {
        if (!ledger.getToken(a(0))) return { revert: RC.INVALID_TOKEN_ID }
        if (!ledger.getAccount(a(1))) return { revert: RC.INVALID_ALLOWANCE_OWNER_ID }
        if (!ledger.getAccount(a(2))) return { revert: RC.INVALID_ALLOWANCE_SPENDER_ID }
        return { values: [RC.SUCCESS, ledger.allowance(a(0), a(1), a(2))] }
      }
      case 'isToken': return { values: [RC.SUCCESS, ledger.getToken(a(0)) !== undefined] }
      case 'getTokenType': {
        const token = ledger.getToken(a(0))
        return token ? { values: [RC.SUCCESS, token.type === 'fungible' ? 0 : 1] } : { revert: RC.INVALID_TOKEN_ID }
      }
      case 'getTokenInfo':
      case 'getFungibleTokenInfo': {
        const token = ledger.getToken(a(0))
        if (!token) return { revert: RC.INVALID_TOKEN_ID }
        const info = tokenInfoTuple(ledger, token, ledgerId)
        return { values: [RC.SUCCESS, fn.name === 'getTokenInfo' ? info : { tokenInfo: info, decimals: token.decimals }] }
      }
      case 'pauseToken': return rcOnly(ledger.pauseToken({ token: a(0), caller }))
      case 'unpauseToken': return rcOnly(ledger.unpauseToken({ token: a(0), caller }))
      case 'deleteToken': return rcOnly(ledger.deleteToken({ token: a(0), caller }))
      case 'freezeToken': return rcOnly(ledger.freeze({ token: a(0), account: a(1), caller }))
      case 'unfreezeToken': return rcOnly(ledger.unfreeze({ token: a(0), account: a(1), caller }))
      case 'grantTokenKyc': return rcOnly(ledger.grantKyc({ token: a(0), account: a(1), caller }))
      case 'revokeTokenKyc': return rcOnly(ledger.revokeKyc({ token: a(0), account: a(1), caller }))
      case 'wipeTokenAccount': return rcOnly(ledger.wipe({ token: a(0), account: a(1), amount: n(2), caller }))
      case 'redirectForToken': {
        const token = ledger.getToken(a(0))
        if (!token) return { values: [RC.INVALID_TOKEN_ID, '0x'] }
        const r = runFacade(ledger, token, hexToBytes(args[1] as Hex), context, caller)
        return r.ok ? { values: [RC.SUCCESS, toHex(r.output)] } : { values: [r.code, '0x'] }
      }
    }
    return { revert: RC.NOT_SUPPORTED }
  }

  function create(fungible: boolean, args: Args, caller: Address, context: PrecompileContext): Answer {
    const fail = (code: number): Answer => {
      refundValue(context)
      return { values: [code, ZERO_ADDRESS] }
    }
    const price = tinycentsToTinybars(BigInt(HTS_PRICES.create), rate)
    if (context.value < price) return fail(RC.INSUFFICIENT_TX_FEE)
    const t = tokenOptionsFromTuple(args[0] as HederaTokenTuple, caller)
    if (t.code !== RC.SUCCESS) return fail(t.code)
    const decimals = fungible ? (args[2] as number) : 0
    const r = ledger.createToken({
      ...t.options!, type: fungible ? 'fungible' : 'nonFungible', initialSupply: fungible ? (args[1] as bigint) : 0n,
      decimals: decimals < 0 ? -1 : decimals,
    })
    if (r.code !== RC.SUCCESS) return fail(r.code)
    context.state.transfer(context.address, FEE_COLLECTOR_ADDRESS, price)
    if (context.value > price) context.state.transfer(context.address, context.caller, context.value - price)
    return { values: [RC.SUCCESS, r.address!] }
  }
}

function hexToBytes(hex: Hex): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}
