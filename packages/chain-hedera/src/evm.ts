/**
 * Hedera's EVM rules over @zvm/chain-evm's transaction phases
 * (validateTransaction → preExecution → executeMessage → postExecution):
 *
 * - a 15,000,000 gas cap per transaction, checked before validation
 *   (111 MAX_GAS_LIMIT_EXCEEDED; spec §5), and no block gas limit (the
 *   block's `gasLimit` is set to the cap for validation);
 * - intrinsic gas 21000 + 4/16 per zero/non-zero byte (Cancun, unchanged);
 * - refunds per HIP-1249: unused gas back in full, SSTORE refunds as the
 *   EVM (EIP-3529 cap) — exactly chain-evm's post-execution;
 * - the precompile set = the fork's (Cancun) plus 0x167 HTS, 0x168
 *   exchange rate, 0x169 PRNG over one ledger; token addresses run their
 *   redirect proxy code into the HIP-218 facade (or the facade directly,
 *   `facade: 'emulator'`);
 * - an EVM address without a ledger account that keeps HBAR received in
 *   the transaction (CALL value, SELFDESTRUCT, the transaction's own value)
 *   becomes a hollow account (spec §6), unless its frame reverted;
 * - the system addresses 0x167–0x16b exist with nonce 1 and no code, so
 *   EXTCODEHASH gives keccak("") (an account that does not exist gives 0,
 *   EIP-1052/EIP-161), EXTCODESIZE 0;
 * - a response code on every result: 22 SUCCESS, 33
 *   CONTRACT_REVERT_EXECUTED, 30 INSUFFICIENT_GAS (out of gas, or below
 *   intrinsic gas), 34 CONTRACT_EXECUTION_EXCEPTION for other halts; an
 *   invalid transaction 111, 30, 10 INSUFFICIENT_PAYER_BALANCE, else 310
 *   INVALID_ETHEREUM_TRANSACTION.
 *
 * Omitted: the network's lazy-creation gas for a hollow account (not in
 * the spec; none is charged), HAPI-style contract ids for CREATE, the
 * 0x16a/0x16b contracts (their addresses are empty accounts).
 */
import {
  executeMessage, Fork, postExecution, preExecution, precompilesFor, TxError, validateTransaction, type EvmBlock, type EvmTransaction,
  type ExecuteOptions, type IncludedTransaction, type InvalidTransaction,
} from '@zvm/chain-evm'
import { Halt, type Precompile } from '@zvm/core'
import { ValueRecipients } from './value-recipients.ts'
import type { Address } from '@zvm/primitives'
import type { HederaLedger } from './ledger/hedera-ledger.ts'
import { ResponseCode as RC } from './response-codes.ts'
import { EXCHANGE_RATE_ADDRESS, createExchangeRatePrecompile } from './system/exchange-rate.ts'
import { facadePrecompile } from './system/facade.ts'
import { createHtsPrecompile, HTS_ADDRESS, type HtsPrecompileOptions } from './system/hts.ts'
import { createPrngPrecompile, PRNG_ADDRESS } from './system/prng.ts'

/** Spec §5: gas per transaction. */
export const HEDERA_MAX_GAS_PER_TRANSACTION = 15_000_000n
/** 0x167 HTS, 0x168 exchange rate, 0x169 PRNG, 0x16a HAS, 0x16b schedule (spec §1). */
export const HEDERA_SYSTEM_ADDRESSES: readonly Address[] = Object.freeze(
  [0x167, 0x168, 0x169, 0x16a, 0x16b].map((n) => `0x${n.toString(16).padStart(40, '0')}` as Address),
)

/** Options of {@link createHederaPrecompiles}. */
export interface HederaPrecompilesOptions extends HtsPrecompileOptions {
  /** The EVM fork whose precompiles come along (default Cancun). */
  fork?: Fork
  /**
   * How a CALL to a token address reaches the HIP-218 facade. `'proxy'`
   * (default, as the network does): the token's redirect proxy code runs
   * and DELEGATECALLs 0x167. `'emulator'`: the call goes to the facade
   * directly — the same answers, events and ledger, without the proxy's
   * EVM gas (a few hundred per call).
   */
  facade?: 'proxy' | 'emulator'
}

/**
 * The precompiles of a Hedera EVM: a Map of the fork's precompiles and
 * 0x167–0x169. Given a ledger (the facade emulator), `get` also answers a
 * token's long-zero address with its facade (looked up in the ledger on
 * the call). `has` and the iteration list only the fixed ones, so only
 * those start warm.
 */
export class HederaPrecompiles extends Map<Address, Precompile> {
  readonly #ledger: HederaLedger | undefined
  readonly #facades = new Map<Address, Precompile>()

  constructor(entries: Iterable<readonly [Address, Precompile]>, ledger?: HederaLedger) {
    super(entries)
    this.#ledger = ledger
  }

  override get(address: Address): Precompile | undefined {
    const fixed = super.get(address)
    if (fixed !== undefined || this.#ledger === undefined) return fixed
    // Long-zero addresses only: the first 12 bytes (shard, realm) are this ledger's.
    if (address.charCodeAt(2) !== 48 || this.#ledger.getToken(address) === undefined) return undefined
    let facade = this.#facades.get(address)
    if (facade === undefined) this.#facades.set(address, (facade = facadePrecompile(this.#ledger, address)))
    return facade
  }
}

/**
 * The fork's precompiles plus 0x167/0x168/0x169 over `ledger` (and, with `facade: 'emulator'`, the facade at token addresses).
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger, createHederaPrecompiles } from '@zvm/chain-hedera'
 * const precompiles = createHederaPrecompiles(new HederaLedger(new JournaledState()))
 * precompiles.has('0x0000000000000000000000000000000000000167') // true
 * ```
 */
export function createHederaPrecompiles(ledger: HederaLedger, options: HederaPrecompilesOptions = {}): HederaPrecompiles {
  const base = precompilesFor(options.fork ?? Fork.Cancun)
  const entries: [Address, Precompile][] = [...base.entries()]
  entries.push([HTS_ADDRESS, createHtsPrecompile(ledger, options)])
  entries.push([EXCHANGE_RATE_ADDRESS, createExchangeRatePrecompile(options.exchangeRate)])
  entries.push([PRNG_ADDRESS, createPrngPrecompile()])
  return new HederaPrecompiles(entries, options.facade === 'emulator' ? ledger : undefined)
}

/** Options of {@link executeHederaTransaction}. */
export interface HederaTransactionOptions extends Omit<ExecuteOptions, 'fork'>, HederaPrecompilesOptions {}

/** An included transaction with its Hedera response code. */
export type HederaIncludedTransaction = IncludedTransaction & { responseCode: number }
/** A transaction that failed precheck (state untouched), with its response code. */
export type HederaInvalidTransaction = InvalidTransaction & { responseCode: number }
export type HederaTransactionResult = HederaIncludedTransaction | HederaInvalidTransaction

function precheckCode(error: TxError): number {
  if (error === TxError.IntrinsicGasTooLow) return RC.INSUFFICIENT_GAS
  if (error === TxError.InsufficientAccountFunds) return RC.INSUFFICIENT_PAYER_BALANCE
  return RC.INVALID_ETHEREUM_TRANSACTION
}

/** The response code of an executed message's halt. */
export function haltResponseCode(halt: number): number {
  if (halt >= Halt.Stop && halt < Halt.Revert) return RC.SUCCESS
  if (halt >= Halt.Revert && halt < Halt.OutOfGas) return RC.CONTRACT_REVERT_EXECUTED
  return halt === Halt.OutOfGas ? RC.INSUFFICIENT_GAS : RC.CONTRACT_EXECUTION_EXCEPTION
}

/**
 * Executes an EVM transaction against `ledger.state` under Hedera's rules (module header).
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger, executeHederaTransaction } from '@zvm/chain-hedera'
 * const ledger = new HederaLedger(new JournaledState())
 * const r = executeHederaTransaction(ledger, {
 *   type: 2, from: '0x00000000000000000000000000000000000000a1', to: null, nonce: 0n, gasLimit: 16_000_000n,
 *   value: 0n, data: new Uint8Array(), maxFeePerGas: 0n, maxPriorityFeePerGas: 0n,
 * }, { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000062', gasLimit: 15_000_000n,
 *      baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: 298n, excessBlobGas: 0n })
 * r.responseCode // 111 MAX_GAS_LIMIT_EXCEEDED
 * ```
 */
export function executeHederaTransaction(ledger: HederaLedger, tx: EvmTransaction, block: EvmBlock, options: HederaTransactionOptions = {}): HederaTransactionResult {
  const fork = options.fork ?? Fork.Cancun
  if (typeof tx.gasLimit === 'bigint' && tx.gasLimit > HEDERA_MAX_GAS_PER_TRANSACTION) {
    return {
      valid: false, error: TxError.GasAllowanceExceeded, responseCode: RC.MAX_GAS_LIMIT_EXCEEDED,
      message: `gas limit ${tx.gasLimit} > Hedera's ${HEDERA_MAX_GAS_PER_TRANSACTION} per transaction`,
    }
  }
  const state = ledger.state
  const precompiles = options.precompiles ?? createHederaPrecompiles(ledger, { ...options, fork })
  const hederaBlock: EvmBlock = { ...block, gasLimit: HEDERA_MAX_GAS_PER_TRANSACTION }
  state.beginTransaction(precompiles)
  const checked = validateTransaction(state, tx, hederaBlock, fork)
  if (!checked.valid) return { ...checked, responseCode: precheckCode(checked.error) }
  for (const address of HEDERA_SYSTEM_ADDRESSES) if (state.getNonce(address) === 0n) state.setNonce(address, 1n)
  const prepared = preExecution(state, tx, hederaBlock, checked)
  const recipients = new ValueRecipients(options.inspector)
  const result = executeMessage(state, tx, hederaBlock, checked, prepared, { ...options, fork, precompiles, inspector: recipients.inspector })
  const included = postExecution(state, tx, hederaBlock, checked, prepared, result)
  for (const address of recipients.kept) {
    if (state.getBalance(address) > 0n && state.getCode(address).length === 0) ledger.createHollowAccount(address)
  }
  return { ...included, responseCode: haltResponseCode(included.halt) }
}
