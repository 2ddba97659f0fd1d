/**
 * The HIP-218 token facade (spec §3), ERC-20 part: a CALL or STATICCALL to
 * a fungible token's long-zero address runs name, symbol, decimals,
 * totalSupply, balanceOf, allowance, transfer, transferFrom and approve
 * over the ledger with the caller as the acting account. Failures revert
 * (the reason names the response code); amounts are uint256 here and must
 * fit HTS's int64 (else 48 INVALID_ACCOUNT_AMOUNTS); transfers emit
 * Transfer and approvals Approval from the token's address. A
 * non-fungible token's calls go to the ERC-721 part (`facade-erc721.ts`).
 */
import type { PrecompileContext, PrecompileResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { decodeFunctionData, encodeAbiParameters, encodeEventTopics, encodeFunctionResult, hexToBigInt, toHex, type Hex } from 'viem'
import { entityIdToAddress } from '../ids.ts'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import type { TokenRecord } from '../ledger/types.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { ensureContractAccount, isCanonicalCall, undecodedCode, failed, lower, returned, reverted } from './common.ts'
import { runErc721Facade } from './facade-erc721.ts'
import { ERC20_ABI } from './hts-abi.ts'
import { HTS_PRICES, htsGasForPrice } from './pricing.ts'

const VIEW_GAS = htsGasForPrice(HTS_PRICES.view)
const TRANSFER_GAS = htsGasForPrice(HTS_PRICES.classic)
const APPROVE_GAS = htsGasForPrice(HTS_PRICES.approveOrAssociate)

/** The facade's answer before gas is checked: output and gas, or a response code to revert with. */
export type FacadeOutcome = { ok: true; gas: number; output: Uint8Array } | { ok: false; gas: number; code: number }

function emit(context: PrecompileContext, token: Address, eventName: 'Transfer' | 'Approval', a: Address, b: Address, value: bigint): void {
  const args = eventName === 'Transfer' ? { from: a, to: b } : { owner: a, spender: b }
  const topics = encodeEventTopics({ abi: ERC20_ABI, eventName, args } as Parameters<typeof encodeEventTopics>[0]) as Hex[]
  context.state.addLog({ address: token, topics: topics.map((t) => hexToBigInt(t)), data: hexBytes(encodeAbiParameters([{ type: 'uint256' }], [value])) })
}

function hexBytes(hex: Hex): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}

/**
 * Runs one facade call on `token` for `caller`.
 *
 * @example
 * ```ts
 * // createHederaPrecompiles(ledger) routes CALLs to a token's address here.
 * ```
 */
export function runFacade(ledger: HederaLedger, token: TokenRecord, input: Uint8Array, context: PrecompileContext, caller: Address): FacadeOutcome {
  if (token.type === 'nonFungible') return runErc721Facade(ledger, token, input, context, caller)
  let call: ReturnType<typeof decodeFunctionData<typeof ERC20_ABI>>
  try {
    call = decodeFunctionData({ abi: ERC20_ABI, data: toHex(input) })
    if (!isCanonicalCall(ERC20_ABI, call.functionName, call.args, input)) throw new Error('not canonical')
  } catch {
    return { ok: false, gas: VIEW_GAS, code: undecodedCode(ERC20_ABI, input) }
  }
  const tokenAddress = entityIdToAddress(token.id)
  const result = (gas: number, value: unknown): FacadeOutcome =>
    ({ ok: true, gas, output: hexBytes(encodeFunctionResult({ abi: ERC20_ABI, functionName: call.functionName, result: value } as Parameters<typeof encodeFunctionResult>[0])) })
  switch (call.functionName) {
    case 'name': return result(VIEW_GAS, token.name)
    case 'symbol': return result(VIEW_GAS, token.symbol)
    case 'decimals': return token.decimals > 255 ? { ok: false, gas: VIEW_GAS, code: RC.INVALID_TOKEN_DECIMALS } : result(VIEW_GAS, token.decimals)
    case 'totalSupply': return result(VIEW_GAS, token.totalSupply)
    case 'balanceOf': return result(VIEW_GAS, ledger.balanceOf(token.id, lower(call.args[0])))
    case 'allowance': return result(VIEW_GAS, ledger.allowance(token.id, lower(call.args[0]), lower(call.args[1])))
  }
  if (context.isStatic) return { ok: false, gas: TRANSFER_GAS, code: RC.LOCAL_CALL_MODIFICATION_EXCEPTION }
  ensureContractAccount(ledger, context, caller)
  switch (call.functionName) {
    case 'transfer': {
      const [to, amount] = call.args
      const code = ledger.transferToken({ token: token.id, from: caller, to: lower(to), amount, caller })
      if (code !== RC.SUCCESS) return { ok: false, gas: TRANSFER_GAS, code }
      emit(context, tokenAddress, 'Transfer', caller, lower(to), amount)
      return result(TRANSFER_GAS, true)
    }
    case 'transferFrom': {
      const [from, to, amount] = call.args
      const code = ledger.transferToken({ token: token.id, from: lower(from), to: lower(to), amount, caller })
      if (code !== RC.SUCCESS) return { ok: false, gas: TRANSFER_GAS, code }
      emit(context, tokenAddress, 'Transfer', lower(from), lower(to), amount)
      return result(TRANSFER_GAS, true)
    }
    case 'approve': {
      const [spender, amount] = call.args
      const code = ledger.approve({ token: token.id, owner: caller, spender: lower(spender), amount, caller })
      if (code !== RC.SUCCESS) return { ok: false, gas: APPROVE_GAS, code }
      emit(context, tokenAddress, 'Approval', caller, lower(spender), amount)
      return result(APPROVE_GAS, true)
    }
  }
  return { ok: false, gas: VIEW_GAS, code: RC.NOT_SUPPORTED }
}

/**
 * One facade call on the token at `tokenAddress` by `context.caller`: the
 * gas is the HTS price of the call; a failure REVERTs with
 * `Error("<response code name>")` and charges only that price (refusals
 * the view price); too little gas fails and consumes it all. Value is
 * refused. Used by the emulator below and by 0x167 for the token's
 * redirect proxy (token-proxy.ts), which DELEGATECALLs it.
 */
export function answerFacadeCall(ledger: HederaLedger, tokenAddress: Address, input: Uint8Array, gasLimit: number, context: PrecompileContext): PrecompileResult {
  try {
    const token = ledger.getToken(tokenAddress)
    if (token === undefined) return refuse(gasLimit, RC.INVALID_TOKEN_ID)
    if (context.value !== 0n) return refuse(gasLimit, RC.INVALID_TRANSACTION_BODY)
    const r = runFacade(ledger, token, input, context, context.caller)
    if (r.gas > gasLimit) return failed(gasLimit, RC.INSUFFICIENT_GAS)
    return r.ok ? returned(r.gas, r.output) : reverted(r.gas, r.code)
  } catch {
    return failed(gasLimit, RC.FAIL_INVALID)
  }
}

function refuse(gasLimit: number, code: number): PrecompileResult {
  return VIEW_GAS > gasLimit ? failed(gasLimit, RC.INSUFFICIENT_GAS) : reverted(VIEW_GAS, code)
}

/**
 * The facade emulator for one token address (`facade: 'emulator'` of
 * createHederaPrecompiles): a CALL or STATICCALL to the token runs the
 * facade directly instead of the token's proxy code — the same answers,
 * without the proxy's few hundred gas. DELEGATECALL and CALLCODE are refused.
 */
export function facadePrecompile(ledger: HederaLedger, tokenAddress: Address): (input: Uint8Array, gasLimit: number, context: PrecompileContext) => PrecompileResult {
  return (input, gasLimit, context) => {
    if (context.scheme === 1 || context.scheme === 2) return refuse(gasLimit, RC.NOT_SUPPORTED)
    return answerFacadeCall(ledger, tokenAddress, input, gasLimit, context)
  }
}
