/**
 * Deploys and calls KALIX contracts over a journaled state with the native
 * instruction set. An account holding a KALIX contract holds the whole ZVMC
 * container as its code (so the ABI travels with it); a call runs the
 * container's code section at the account's address.
 *
 * Deployment: the address is the CREATE address of the deployer and its
 * nonce (or one given, e.g. a Hedera account made for the contract). The
 * constructor, when the ABI has one, runs as a call of its selector while
 * the account has no code yet — KALIX's dispatcher runs the constructor only
 * then (EXTCODESIZE(ADDRESS) = 0) — and the container is stored after it
 * succeeds, for 200 gas per byte (as a CREATE's code deposit).
 */
import { isZvmc } from '@zvm/bytecode'
import { Vm, type BlockEnv, type ExecutionResult, type Host, type InstructionTable } from '@zvm/core'
import { NATIVE_GAS_SCHEDULE } from '@zvm/gas'
import { NATIVE_TABLE } from '@zvm/native'
import type { Address } from '@zvm/primitives'
import { createAddress, JournaledState } from '@zvm/state'
import { decodeWord } from './codec.ts'
import { CONSTRUCTOR_NAME, loadKalixContract, type KalixContract, type KalixFunction } from './contract.ts'
import { KalixContainerError, KalixRevertError, KalixUnknownError, KalixValueError } from './errors.ts'
import { decodeEvents, decodeResult, decodeRevertReason, encodeCall, type KalixEvent } from './messages.ts'
import { tableSlot } from './storage.ts'
import type { KalixValue } from './types.ts'

/** Who sends messages when no `caller` is given. */
export const DEFAULT_KALIX_CALLER: Address = '0x1000000000000000000000000000000000000001'
const DEFAULT_GAS = 30_000_000

/** Options for {@link KalixRuntime}. */
export interface KalixRuntimeOptions {
  /** The state (default: a new in-memory one). Give the state of a `HederaLedger` to run HTS syscalls. */
  state?: JournaledState
  /**
   * Chain hooks. Hedera syscalls (E0–EC) need a `syscall` hook, e.g.
   * `{ blockHash: () => 0n, syscall: createHederaSyscalls(ledger) }` from
   * @zvm/chain-hedera; without one they fail the call with SyscallUnavailable.
   */
  host?: Host
  block?: Partial<BlockEnv>
  /** The instruction table (default `NATIVE_TABLE`). */
  table?: InstructionTable
}

/** Options of one message. */
export interface KalixMessageOptions {
  /** The sender (default 0x1000…0001). */
  caller?: Address
  value?: bigint
  /** Gas limit (default 30,000,000). */
  gasLimit?: number
}

/** Options of a deployment. */
export interface KalixDeployOptions extends KalixMessageOptions {
  /** Deploy here instead of at the CREATE address of the caller and its nonce. */
  address?: Address
}

/** A successful call. */
export interface KalixCallResult {
  /** The function's signature. */
  readonly function: string
  /** The decoded results, in order. */
  readonly outputs: readonly KalixValue[]
  /** The first result (undefined for a function without results). */
  readonly value: KalixValue | undefined
  /** Events the contract emitted, decoded by its ABI. */
  readonly events: readonly KalixEvent[]
  readonly gasUsed: number
  /** The raw execution result (logs, return data, state diff). */
  readonly execution: ExecutionResult
}

/** A successful deployment. */
export interface KalixDeployResult {
  readonly address: Address
  readonly contract: KalixContract
  readonly events: readonly KalixEvent[]
  /** The constructor's gas plus the code deposit. */
  readonly gasUsed: number
  /** The constructor's execution, when the contract has one. */
  readonly execution: ExecutionResult | undefined
}

/** The error for a message that did not succeed. */
function failed(fn: string, r: ExecutionResult): KalixRevertError {
  const status = r.status === 'revert' ? 'revert' : 'error'
  return new KalixRevertError(fn, { status, error: r.error, gasUsed: r.gasUsed, returnData: r.returnData }, status === 'revert' ? decodeRevertReason(r.returnData) : undefined)
}

/** `a` lowercased (the core takes lowercase addresses); a malformed one is a KalixValueError naming `what`. */
function addressOf(what: string, a: string): Address {
  if (typeof a !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(a)) throw new KalixValueError(what, `expected a 0x-prefixed 20-byte hex address, got ${JSON.stringify(a)}`)
  return a.toLowerCase() as Address
}

const isViewOnly = (fn: KalixFunction): boolean => fn.mutability === 'view' || fn.mutability === 'pure'

/**
 * The KALIX runtime: deploy containers, call their functions by name with JS
 * values, read their state by name.
 *
 * @example
 * ```ts
 * // const rt = new KalixRuntime()
 * // const { address } = rt.deploy(zvmcBytes, [1000n])
 * // rt.call(address, 'transfer', ['0x…', 5n]).events
 * ```
 */
export class KalixRuntime {
  readonly vm: Vm
  readonly state: JournaledState
  readonly #contracts = new Map<string, KalixContract>()

  constructor(options: KalixRuntimeOptions = {}) {
    this.state = options.state ?? new JournaledState()
    this.vm = new Vm({ state: this.state, table: options.table ?? NATIVE_TABLE, host: options.host, block: options.block })
  }

  /**
   * Deploys a container (ZVMC bytes or a loaded contract): runs its
   * constructor with `args` and stores the container as the account's code.
   * Throws the loader's errors for a bad container, `KalixValueError` for bad
   * arguments, `KalixContainerError` when the address is taken, and
   * `KalixRevertError` when the constructor fails (nothing is deployed).
   */
  deploy(container: Uint8Array | KalixContract, args: readonly unknown[] = [], options: KalixDeployOptions = {}): KalixDeployResult {
    const contract = container instanceof Uint8Array ? loadKalixContract(container) : container
    const caller = addressOf('caller', options.caller ?? DEFAULT_KALIX_CALLER)
    const address = options.address === undefined ? createAddress(caller, this.state.getNonce(caller)) : addressOf('address', options.address)
    if (this.state.getCode(address).length > 0 || this.state.hasStorage(address)) throw new KalixContainerError(`cannot deploy at ${address}: the account already has code or storage`)
    const schedule = NATIVE_GAS_SCHEDULE
    if (contract.code.length > schedule.maxCodeSize) throw new KalixContainerError(`code of ${contract.code.length} bytes is above the ${schedule.maxCodeSize}-byte limit`)
    const deposit = contract.bytes.length * schedule.codeDepositPerByte
    const gasLimit = options.gasLimit ?? DEFAULT_GAS
    const ctor = contract.constructorFunction
    // The deposit is reserved up front, so constructor + deposit never exceed the limit.
    if (gasLimit < deposit) throw new KalixRevertError(ctor?.signature ?? 'deploy', { status: 'error', error: 'OutOfGas', gasUsed: gasLimit, returnData: new Uint8Array(0) }, undefined)
    let execution: ExecutionResult | undefined
    let events: KalixEvent[] = []
    if (ctor === undefined) {
      if (args.length > 0) throw new KalixValueError('(arguments)', `${contract.abi.contract} has no constructor, got ${args.length} argument${args.length === 1 ? '' : 's'}`)
      if ((options.value ?? 0n) !== 0n) throw new KalixValueError('value', `${contract.abi.contract} has no constructor to receive ${options.value}`)
    } else {
      const data = encodeCall(ctor, args)
      execution = this.vm.run({ code: contract.code, address, data, caller, value: options.value, gasLimit: gasLimit - deposit })
      if (execution.status !== 'success') throw failed(ctor.signature, execution)
      events = decodeEvents(contract, execution.logs, address)
    }
    const state = this.state
    state.beginTransaction()
    state.setCode(address, contract.bytes)
    if (state.getNonce(address) === 0n) state.setNonce(address, 1n)
    if (options.address === undefined) state.incrementNonce(caller)
    state.finalizeTransaction()
    return { address, contract, events, gasUsed: (execution?.gasUsed ?? 0) + deposit, execution }
  }

  /**
   * The contract stored at `address`; throws `KalixContainerError` when the
   * account holds no ZVMC container, and the loader's errors for a bad one.
   */
  contractAt(at: Address): KalixContract {
    const address = addressOf('address', at)
    const code = this.state.getCode(address)
    if (code.length === 0) throw new KalixContainerError(`no contract at ${address}`)
    if (!isZvmc(code)) throw new KalixContainerError(`the code at ${address} is not a ZVMC container (${code.length} bytes)`)
    const hash = this.state.getCodeHash(address)
    let contract = this.#contracts.get(hash)
    if (contract === undefined) {
      contract = loadKalixContract(code)
      this.#contracts.set(hash, contract)
    }
    return contract
  }

  /**
   * Calls `fn` (a name, or a signature for overloads) on the contract at
   * `address` with `args`. `view`/`pure` functions run static (a write fails
   * them). Throws `KalixUnknownError`, `KalixValueError`, and
   * `KalixRevertError` (with the revert data and decoded reason) on failure.
   */
  call(at: Address, fn: string, args: readonly unknown[] = [], options: KalixMessageOptions = {}): KalixCallResult {
    const address = addressOf('address', at)
    const contract = this.contractAt(address)
    const f = contract.fn(fn)
    if (f.name === CONSTRUCTOR_NAME) throw new KalixUnknownError('function', fn, 'the constructor runs only when the contract is deployed')
    const data = encodeCall(f, args)
    const execution = this.vm.run({
      code: contract.code, address, data, caller: addressOf('caller', options.caller ?? DEFAULT_KALIX_CALLER), value: options.value,
      gasLimit: options.gasLimit ?? DEFAULT_GAS, isStatic: isViewOnly(f),
    })
    if (execution.status !== 'success') throw failed(f.signature, execution)
    const outputs = decodeResult(f, execution.returnData)
    return { function: f.signature, outputs, value: outputs[0], events: decodeEvents(contract, execution.logs, address), gasUsed: execution.gasUsed, execution }
  }

  /**
   * The state variable `name` of the contract at `address`, decoded by its type.
   *
   * @example
   * ```ts
   * // rt.read(address, 'totalSupply') // 1000n
   * ```
   */
  read(at: Address, name: string): KalixValue {
    const address = addressOf('address', at)
    const v = this.contractAt(address).stateVariable(name)
    return decodeWord(v.kalixType, this.state.sload(address, BigInt(v.slot)))
  }

  /**
   * The entry of table `name` for `key` (0 / false / the zero address when unset).
   *
   * @example
   * ```ts
   * // rt.readTable(address, 'balances', '0x…') // 995n
   * ```
   */
  readTable(at: Address, name: string, key: unknown): KalixValue {
    const address = addressOf('address', at)
    const t = this.contractAt(address).table(name)
    return decodeWord(t.valueType, this.state.sload(address, tableSlot(t.slot, t.keyType, key)))
  }
}
