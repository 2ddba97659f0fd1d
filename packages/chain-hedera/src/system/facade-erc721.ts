/**
 * The HIP-218 token facade (spec §3), ERC-721 part: a CALL or STATICCALL
 * to a non-fungible token's long-zero address runs name, symbol,
 * totalSupply, balanceOf, ownerOf, tokenURI (the serial's metadata as a
 * UTF-8 string), getApproved, isApprovedForAll (view price), approve,
 * setApprovalForAll ($0.05) and transferFrom ($0.002, an NFT transfer)
 * over the ledger with the caller as the acting account. tokenId is the
 * serial number. Failures revert with the response code (an unknown or
 * out-of-int64 serial: 226 INVALID_NFT_ID); transferFrom emits Transfer,
 * approve Approval and setApprovalForAll ApprovalForAll from the token's
 * address. The ERC-20-only functions (decimals, allowance, transfer)
 * answer NOT_SUPPORTED. Omitted: safeTransferFrom (not in spec §3).
 */
import type { PrecompileContext } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { decodeFunctionData, encodeAbiParameters, encodeEventTopics, encodeFunctionResult, hexToBigInt, toHex, type Hex } from 'viem'
import { entityIdToAddress } from '../ids.ts'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import type { NftRecord, TokenRecord } from '../ledger/types.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { ensureContractAccount, isCanonicalCall, undecodedCode, lower, MAX_INT64, ZERO_ADDRESS } from './common.ts'
import type { FacadeOutcome } from './facade.ts'
import { ERC721_ABI } from './hts-abi.ts'
import { HTS_PRICES, htsGasForPrice } from './pricing.ts'

const VIEW_GAS = htsGasForPrice(HTS_PRICES.view)
const TRANSFER_GAS = htsGasForPrice(HTS_PRICES.nftTransfer)
const APPROVE_GAS = htsGasForPrice(HTS_PRICES.approveOrAssociate)

type EventName = 'Transfer' | 'Approval' | 'ApprovalForAll'

function emit(context: PrecompileContext, token: Address, eventName: EventName, args: Record<string, unknown>, data: Uint8Array = new Uint8Array()): void {
  const topics = encodeEventTopics({ abi: ERC721_ABI, eventName, args } as Parameters<typeof encodeEventTopics>[0]) as Hex[]
  context.state.addLog({ address: token, topics: topics.map((t) => hexToBigInt(t)), data })
}

function hexBytes(hex: Hex): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}

/**
 * Runs one ERC-721 facade call on the NFT `token` for `caller`.
 *
 * @example
 * ```ts
 * // runFacade (createHederaPrecompiles' facade at token addresses) sends NFT tokens here.
 * ```
 */
export function runErc721Facade(ledger: HederaLedger, token: TokenRecord, input: Uint8Array, context: PrecompileContext, caller: Address): FacadeOutcome {
  let call: ReturnType<typeof decodeFunctionData<typeof ERC721_ABI>>
  try {
    call = decodeFunctionData({ abi: ERC721_ABI, data: toHex(input) })
    if (!isCanonicalCall(ERC721_ABI, call.functionName, call.args, input)) throw new Error('not canonical')
  } catch {
    return { ok: false, gas: VIEW_GAS, code: undecodedCode(ERC721_ABI, input) }
  }
  const tokenAddress = entityIdToAddress(token.id)
  const result = (gas: number, value: unknown): FacadeOutcome =>
    ({ ok: true, gas, output: hexBytes(encodeFunctionResult({ abi: ERC721_ABI, functionName: call.functionName, result: value } as Parameters<typeof encodeFunctionResult>[0])) })
  const fail = (gas: number, code: number): FacadeOutcome => ({ ok: false, gas, code })
  /** The serial's record, or undefined for an unknown one (also a tokenId above int64). */
  const nftOf = (tokenId: bigint): NftRecord | undefined => (tokenId > 0n && tokenId <= MAX_INT64 ? ledger.getNft(token.id, tokenId) : undefined)
  const addressOf = (id: string | undefined): Address => (id === undefined ? ZERO_ADDRESS : ledger.evmAddressOf(id) ?? ZERO_ADDRESS)

  switch (call.functionName) {
    case 'name': return result(VIEW_GAS, token.name)
    case 'symbol': return result(VIEW_GAS, token.symbol)
    case 'totalSupply': return result(VIEW_GAS, token.totalSupply)
    case 'balanceOf': return result(VIEW_GAS, ledger.balanceOf(token.id, lower(call.args[0])))
    case 'isApprovedForAll': return result(VIEW_GAS, ledger.isApprovedForAll(token.id, lower(call.args[0]), lower(call.args[1])))
    case 'ownerOf':
    case 'getApproved':
    case 'tokenURI': {
      const nft = nftOf(call.args[0])
      if (nft === undefined) return fail(VIEW_GAS, RC.INVALID_NFT_ID)
      if (call.functionName === 'ownerOf') return result(VIEW_GAS, addressOf(nft.owner))
      if (call.functionName === 'getApproved') return result(VIEW_GAS, addressOf(nft.spender))
      return result(VIEW_GAS, new TextDecoder().decode(nft.metadata))
    }
  }
  if (context.isStatic) return fail(TRANSFER_GAS, RC.LOCAL_CALL_MODIFICATION_EXCEPTION)
  ensureContractAccount(ledger, context, caller)
  switch (call.functionName) {
    case 'transferFrom': {
      const [from, to, tokenId] = call.args
      if (tokenId > MAX_INT64) return fail(TRANSFER_GAS, RC.INVALID_NFT_ID)
      const code = ledger.transferNft({ token: token.id, from: lower(from), to: lower(to), serial: tokenId, caller })
      if (code !== RC.SUCCESS) return fail(TRANSFER_GAS, code)
      emit(context, tokenAddress, 'Transfer', { from: lower(from), to: lower(to), tokenId })
      return result(TRANSFER_GAS, undefined)
    }
    case 'approve': {
      const [to, tokenId] = call.args
      const nft = nftOf(tokenId)
      if (nft === undefined) return fail(APPROVE_GAS, RC.INVALID_NFT_ID)
      // ERC-721: approving address(0) clears the approval.
      const spender = lower(to) === ZERO_ADDRESS ? undefined : lower(to)
      const code = ledger.approveNft({ token: token.id, owner: nft.owner, spender, serial: tokenId, caller })
      if (code !== RC.SUCCESS) return fail(APPROVE_GAS, code)
      emit(context, tokenAddress, 'Approval', { owner: addressOf(nft.owner), approved: spender ?? ZERO_ADDRESS, tokenId })
      return result(APPROVE_GAS, undefined)
    }
    case 'setApprovalForAll': {
      const [operator, approved] = call.args
      const code = ledger.setApprovalForAll({ token: token.id, owner: caller, operator: lower(operator), approved, caller })
      if (code !== RC.SUCCESS) return fail(APPROVE_GAS, code)
      emit(context, tokenAddress, 'ApprovalForAll', { owner: caller, operator: lower(operator) }, hexBytes(encodeAbiParameters([{ type: 'bool' }], [approved])))
      return result(APPROVE_GAS, undefined)
    }
  }
  return fail(VIEW_GAS, RC.NOT_SUPPORTED)
}
