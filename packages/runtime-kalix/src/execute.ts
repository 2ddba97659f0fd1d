/**
 * KALIX messages inside a transaction the caller owns: a network (a ledger
 * that journals its own changes, fees charged around the call) opens the
 * transaction and its checkpoint, runs the message here, and commits or
 * reverts. Unlike `KalixRuntime` (one finalized transaction per message),
 * nothing here calls `beginTransaction` or `finalizeTransaction`.
 *
 * Calldata is raw: selector ‖ arguments as KALIX encodes them (a Solidity-ABI
 * tuple of the KALIX types). A creation is the container plus the constructor's
 * argument tuple without a selector (like EVM initcode ‖ constructor
 * arguments); the constructor's selector is prefixed here, from the ABI.
 * Gas is the native execution's (refund capped at 1/5, as the core does),
 * plus 200 per container byte at creation; there is no intrinsic charge.
 */
import { CallScheme, createContext, executeAction, Halt, haltName, isRevert, isSuccess, type BlockEnv, type Host, type InstructionTable } from '@zvm/core'
import { cappedRefund, NATIVE_GAS_SCHEDULE } from '@zvm/gas'
import { NATIVE_TABLE } from '@zvm/native'
import { hexToBytes, type Address } from '@zvm/primitives'
import type { JournaledState, Log } from '@zvm/state'
import { encodeValues } from './codec.ts'
import type { KalixContract } from './contract.ts'
import { ERROR_SELECTOR } from './messages.ts'

/** Where a message runs: the state (its transaction already open), the chain's hooks, the block. */
export interface KalixEnvironment {
  readonly state: JournaledState
  /** Hedera syscalls need `syscall` (`createHederaSyscalls(ledger)` from @zvm/chain-hedera). */
  readonly host?: Host
  readonly block?: Partial<BlockEnv>
  /** Default `NATIVE_TABLE`. */
  readonly table?: InstructionTable
}

/** A raw message to a KALIX contract. */
export interface KalixRawMessage {
  readonly caller: Address
  /** The contract's account. */
  readonly address: Address
  /** Selector ‖ argument tuple. */
  readonly data: Uint8Array
  readonly value?: bigint
  readonly gasLimit: number
  /** Run static (writes fail), as a view function's call does. */
  readonly isStatic?: boolean
}

/** What a raw message did. On failure its changes are already undone. */
export interface KalixExecution {
  readonly status: 'success' | 'revert' | 'error'
  readonly halt: number
  /** `OutOfGas`, `SyscallUnavailable`, … or null. */
  readonly error: string | null
  /** After the refund; for a creation, the code deposit included. */
  readonly gasUsed: number
  readonly returnData: Uint8Array
  /** Logs this message emitted (success only). */
  readonly logs: readonly Log[]
}

function failure(halt: number, gasUsed: number): KalixExecution {
  return { status: 'error', halt, error: haltName(halt), gasUsed, returnData: new Uint8Array(0), logs: [] }
}

/** A revert with `Error(reason)` data, as a KALIX dispatcher's own refusal. */
function refusal(reason: string): KalixExecution {
  const body = encodeValues(['string'], [reason])
  const returnData = new Uint8Array(4 + body.length)
  returnData.set(hexToBytes(ERROR_SELECTOR), 0)
  returnData.set(body, 4)
  return { status: 'revert', halt: Halt.Revert, error: null, gasUsed: 0, returnData, logs: [] }
}

/**
 * Runs `code` (a container's code section) at `message.address` in the open transaction.
 *
 * @example
 * ```ts
 * // state.beginTransaction(); const cp = state.checkpoint()
 * // const r = executeKalixCall({ state, host }, contract.code, { caller, address, data, gasLimit: 100_000 })
 * // r.status === 'success' ? state.commit(cp) : state.revert(cp)
 * ```
 */
export function executeKalixCall(env: KalixEnvironment, code: Uint8Array, message: KalixRawMessage): KalixExecution {
  const table = env.table ?? NATIVE_TABLE
  const state = env.state
  const ctx = createContext({ state, table, host: env.host, block: env.block, origin: message.caller })
  const logsBefore = state.logs.length
  // EIP-2929 as the core's Vm does: sender and target start warm.
  state.warmAddress(message.caller)
  state.warmAddress(message.address)
  const r = executeAction(ctx, {
    kind: 'call', scheme: CallScheme.Call, address: message.address, codeAddress: message.address, caller: message.caller, value: message.value ?? 0n,
    transfersValue: true, input: message.data, gasLimit: message.gasLimit, isStatic: message.isStatic ?? false, returnOffset: 0, returnSize: 0,
  }, 0, { code })
  const spent = message.gasLimit - r.gasLeft
  const ok = isSuccess(r.halt)
  const refund = ok ? cappedRefund(r.refund, spent, table.schedule.refundQuotient) : 0
  return {
    status: ok ? 'success' : isRevert(r.halt) ? 'revert' : 'error', halt: r.halt, error: ok || isRevert(r.halt) ? null : haltName(r.halt),
    gasUsed: spent - refund, returnData: r.output.slice(), logs: ok ? state.logs.slice(logsBefore) : [],
  }
}

/**
 * Deploys `contract` at `address` in the open transaction: runs its
 * constructor (when the ABI has one) with `constructorArgs` (the argument
 * tuple, no selector) while the account has no code, then stores the whole
 * container as the account's code. Arguments or value given to a contract
 * without a constructor revert the creation with an `Error(string)` reason.
 * The caller checks that the address is free.
 *
 * @example
 * ```ts
 * // const r = executeKalixCreate({ state, host }, loadKalixContract(zvmc), { caller, address, constructorArgs, gasLimit: 1_000_000 })
 * ```
 */
export function executeKalixCreate(
  env: KalixEnvironment, contract: KalixContract,
  message: Omit<KalixRawMessage, 'data' | 'isStatic'> & { readonly constructorArgs: Uint8Array },
): KalixExecution {
  const schedule = env.table?.schedule ?? NATIVE_GAS_SCHEDULE
  const deposit = contract.bytes.length * schedule.codeDepositPerByte
  // The deposit is reserved up front, so constructor + deposit never exceed the limit.
  if (contract.code.length > schedule.maxCodeSize) return failure(Halt.CodeSizeExceeded, message.gasLimit)
  if (message.gasLimit < deposit) return failure(Halt.OutOfGas, message.gasLimit)
  const ctor = contract.constructorFunction
  let run: KalixExecution = { status: 'success', halt: Halt.Stop, error: null, gasUsed: 0, returnData: new Uint8Array(0), logs: [] }
  if (ctor === undefined) {
    if (message.constructorArgs.length > 0) return refusal(`${contract.abi.contract} has no constructor to take ${message.constructorArgs.length} bytes of arguments`)
    if ((message.value ?? 0n) !== 0n) return refusal(`${contract.abi.contract} has no constructor to receive ${message.value}`)
  } else {
    const data = new Uint8Array(4 + message.constructorArgs.length)
    data.set(hexToBytes(ctor.selector), 0)
    data.set(message.constructorArgs, 4)
    run = executeKalixCall(env, contract.code, { ...message, data, gasLimit: message.gasLimit - deposit })
    if (run.status !== 'success') return run
  }
  const state = env.state
  state.setCode(message.address, contract.bytes)
  if (state.getNonce(message.address) === 0n) state.setNonce(message.address, 1n)
  return { ...run, gasUsed: run.gasUsed + deposit }
}
