/**
 * EVM execution for the node: transactions through the chain's
 * executeHederaTransaction (committed), and calls that change nothing
 * (ContractCallLocal, mirror /contracts/call, eth_call, eth_estimateGas):
 * the same phases under a checkpoint that is reverted, ledger included.
 * A call to a KALIX contract is simulated by runtime-kalix (kalix.ts), so
 * ContractCallLocal, the mirror and the relay all answer for it.
 */
import { executeMessage, Fork, preExecution, validateTransaction, type EvmBlock, type EvmTransaction } from '@zvm/chain-evm'
import { createHederaPrecompiles, haltResponseCode, HEDERA_MAX_GAS_PER_TRANSACTION, ResponseCode, type HederaLedger } from '@zvm/chain-hedera'
import { Halt } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { isKalixAccount, simulateKalixCall } from './kalix.ts'

/** Hedera's local network chain id (0x12a). */
export const LOCAL_CHAIN_ID = 298n
/** The fee collection account 0.0.98 as the block's coinbase. */
export const COINBASE: Address = '0x0000000000000000000000000000000000000062'

export function blockAt(number: bigint, seconds: bigint): EvmBlock {
  return { number, timestamp: seconds, coinbase: COINBASE, gasLimit: HEDERA_MAX_GAS_PER_TRANSACTION, baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: LOCAL_CHAIN_ID, excessBlobGas: 0n }
}

export interface CallInput {
  from: Address
  to: Address | null
  data: Uint8Array
  /** Tinybar. */
  value: bigint
  gas: bigint
}

export interface SimulatedCall {
  responseCode: number
  /** success | revert | error | invalid */
  status: 'success' | 'revert' | 'error' | 'invalid'
  output: Uint8Array
  gasUsed: bigint
}

/** Runs a call against the current state and undoes everything it did. */
export function simulateCall(ledger: HederaLedger, call: CallInput, block: EvmBlock): SimulatedCall {
  if (call.gas > HEDERA_MAX_GAS_PER_TRANSACTION) return { responseCode: ResponseCode.MAX_GAS_LIMIT_EXCEEDED, status: 'invalid', output: new Uint8Array(), gasUsed: 0n }
  if (isKalixAccount(ledger, call.to)) return simulateKalixCall(ledger, { ...call, to: call.to }, block)
  const state = ledger.state
  const precompiles = createHederaPrecompiles(ledger)
  const tx: EvmTransaction = { type: 2, from: call.from, to: call.to, nonce: state.getNonce(call.from), gasLimit: call.gas, value: call.value, data: call.data, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }
  state.beginTransaction(precompiles)
  const cp = state.checkpoint()
  try {
    const checked = validateTransaction(state, tx, block, Fork.Cancun)
    if (!checked.valid) {
      const code = checked.error === 'INSUFFICIENT_ACCOUNT_FUNDS' ? ResponseCode.INSUFFICIENT_PAYER_BALANCE : checked.error === 'INTRINSIC_GAS_TOO_LOW' ? ResponseCode.INSUFFICIENT_GAS : ResponseCode.INVALID_TRANSACTION
      return { responseCode: code, status: 'invalid', output: new Uint8Array(), gasUsed: 0n }
    }
    const prepared = preExecution(state, tx, block, checked)
    const result = executeMessage(state, tx, block, checked, prepared, { fork: Fork.Cancun, precompiles })
    const ok = result.halt >= Halt.Stop && result.halt < Halt.Revert
    let gasUsed = call.gas - BigInt(result.gasLeft) - prepared.gasSetAside
    let refund = ok ? BigInt(result.refund) : 0n
    if (refund > gasUsed / 5n) refund = gasUsed / 5n
    gasUsed -= refund < 0n ? 0n : refund
    const status = ok ? 'success' : result.halt >= Halt.Revert && result.halt < Halt.OutOfGas ? 'revert' : 'error'
    return { responseCode: haltResponseCode(result.halt), status, output: result.output.slice(), gasUsed }
  } finally {
    state.revert(cp)
    state.finalizeTransaction()
  }
}

/** Smallest gas limit (by bisection over simulations) with which the call succeeds; undefined when it fails at the cap. */
export function estimateGas(ledger: HederaLedger, call: Omit<CallInput, 'gas'>, block: EvmBlock): { gas?: bigint; failure?: SimulatedCall } {
  const top = simulateCall(ledger, { ...call, gas: HEDERA_MAX_GAS_PER_TRANSACTION }, block)
  if (top.status !== 'success') return { failure: top }
  // gasUsed after refunds can be below what the call needs to run (63/64 rule, refunds): search upward from it.
  let low = top.gasUsed - 1n, high = HEDERA_MAX_GAS_PER_TRANSACTION
  if (simulateCall(ledger, { ...call, gas: top.gasUsed }, block).status === 'success') return { gas: top.gasUsed }
  while (high - low > 1n) {
    const mid = (low + high) / 2n
    if (simulateCall(ledger, { ...call, gas: mid }, block).status === 'success') high = mid
    else low = mid
  }
  return { gas: high }
}
