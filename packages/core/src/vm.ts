/**
 * The user-facing entry point: run code, call a contract or deploy one as a
 * single message against a journaled state, and get a result object back
 * (never an exception for anything the code does). Transaction rules of a
 * particular chain (intrinsic gas, fees, nonces) live in the chain packages.
 */
import type { ExecutionTier } from './frame.ts'
import { cappedRefund } from '@zvm/gas'
import { ZvmError, type Address } from '@zvm/primitives'
import { JournaledState, type Log, type StateDiff } from '@zvm/state'
import { CallScheme, type ExecutionContext } from './frame.ts'
import { executeAction, type FrameResult } from './executor.ts'
import { defaultBlockEnv, EMPTY_HOST, type BlockEnv, type Host, type Precompile } from './host.ts'
import { Halt, haltName, isRevert, isSuccess } from './halt.ts'
import type { InstructionTable } from './table.ts'
import type { Inspector } from './inspector.ts'

/** Outcome of one message. */
export interface ExecutionResult {
  status: 'success' | 'revert' | 'error'
  /** The precise halt code (see Halt). */
  halt: number
  /** The error kind (`OutOfGas`, `InvalidJump` …) or null. */
  error: string | null
  /** Gas used after the refund. */
  gasUsed: number
  /** Refund paid back (already capped at gasUsed / 5 and subtracted from gasUsed). */
  gasRefunded: number
  returnData: Uint8Array
  logs: Log[]
  /** The new contract, for a successful deployment. */
  createdAddress?: Address
  /** What the message changed (empty when it failed). */
  stateDiff: StateDiff
}

/** Thrown for arguments no execution can start from (not for anything the code does). */
export class InvalidMessageError extends ZvmError {
  override name = 'InvalidMessageError'
  constructor(message: string) {
    super('MESSAGE_INVALID', message)
  }
}

/** Options for {@link Vm}. */
export interface VmOptions {
  /** State to run against (default: a fresh in-memory state). */
  state?: JournaledState
  /**
   * The instruction set: `evmTable(fork)` from @zvm/chain-evm, `NATIVE_TABLE`
   * from @zvm/native, or one built with `buildTable` / `withInstructions`.
   */
  table: InstructionTable
  /** Chain hooks: block hashes, precompiles, syscalls. */
  host?: Host
  /**
   * Precompiles by address, looked up before the host's. Every one starts
   * warm in each message (EIP-2929), as a chain's precompiles do.
   */
  precompiles?: ReadonlyMap<Address, Precompile>
  /** Block context (missing fields take defaults). */
  block?: Partial<BlockEnv>
  /** Observes execution (steps, calls, creations, logs, self-destructs); absent costs nothing. */
  inspector?: Inspector
  /** Execution tier (default 'compiled'); results are identical in every tier. */
  tier?: ExecutionTier
  /** Block executions before a block is compiled (default 5000). */
  compileThreshold?: number
}

/** Common fields of a message. */
export interface MessageOptions {
  caller?: Address
  value?: bigint
  gasLimit?: number
  /** Transaction origin (default: caller). */
  origin?: Address
  gasPrice?: bigint
}

const DEFAULT_CALLER: Address = '0x1000000000000000000000000000000000000001'
const DEFAULT_TARGET: Address = '0x2000000000000000000000000000000000000002'
const DEFAULT_GAS = 30_000_000
const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000'

/**
 * Builds an execution context (used directly by chain packages).
 *
 * @example
 * ```ts
 * import { createContext } from '@zvm/core'
 * // evmTable and Fork come from @zvm/chain-evm
 * const ctx = createContext({ table: evmTable(Fork.Cancun) })
 * ctx.block.chainId // 1n
 * ```
 */
export function createContext(options: VmOptions & { origin?: Address; gasPrice?: bigint; blobHashes?: readonly bigint[] }): ExecutionContext {
  return {
    state: options.state ?? new JournaledState(),
    host: withPrecompiles(options.host ?? EMPTY_HOST, options.precompiles),
    block: options.block === undefined ? defaultBlockEnv() : { ...defaultBlockEnv(), ...options.block },
    tx: { origin: options.origin ?? ZERO_ADDRESS, gasPrice: options.gasPrice ?? 0n, blobHashes: options.blobHashes ?? [] },
    table: options.table,
    inspector: options.inspector,
    tier: options.tier,
    compileThreshold: options.compileThreshold,
  }
}

/** `host` with `precompiles` looked up first. */
function withPrecompiles(host: Host, precompiles: ReadonlyMap<Address, Precompile> | undefined): Host {
  if (precompiles === undefined || precompiles.size === 0) return host
  const fallback = host.precompile
  return { ...host, precompile: (address) => precompiles.get(address) ?? fallback?.call(host, address) }
}

/** Whether `a` is a lowercase 0x-prefixed 20-byte hex address (a regex costs more per message). */
function isAddress(a: unknown): a is Address {
  if (typeof a !== 'string' || a.length !== 42 || a.charCodeAt(0) !== 48 || a.charCodeAt(1) !== 120) return false
  for (let i = 2; i < 42; i++) {
    const c = a.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false
  }
  return true
}

function checkAddress(name: string, a: Address | undefined): void {
  if (a !== undefined && !isAddress(a)) throw new InvalidMessageError(`${name} must be a lowercase 0x-prefixed 20-byte address, got ${String(a)}`)
}

/**
 * A virtual machine over one state. Each method runs one message as its own
 * transaction: transient storage, warm sets and logs start empty, and the
 * state diff is committed to the state's database when it succeeds.
 *
 * @example
 * ```ts
 * import { Vm } from '@zvm/core'
 * // NATIVE_TABLE comes from @zvm/native
 * const vm = new Vm({ table: NATIVE_TABLE })
 * // PUSH1 42 PUSH1 8 ADD HALT
 * const r = vm.run({ code: new Uint8Array([0x11, 0x2a, 0x11, 0x08, 0x30, 0x00]) })
 * r.status  // 'success'
 * r.gasUsed // 9
 * ```
 */
export class Vm {
  readonly state: JournaledState
  readonly options: VmOptions
  #defaultBlock: BlockEnv | undefined
  readonly #host: Host

  constructor(options: VmOptions) {
    this.state = options.state ?? new JournaledState()
    this.options = options
    this.#host = withPrecompiles(options.host ?? EMPTY_HOST, options.precompiles)
  }

  /** Runs `code` as if it were deployed at `address` (default 0x2000…02), without installing it. */
  run(message: MessageOptions & { code: Uint8Array; data?: Uint8Array; address?: Address; isStatic?: boolean }): ExecutionResult {
    if (!(message.code instanceof Uint8Array)) throw new InvalidMessageError('code must be a Uint8Array')
    const to = message.address ?? DEFAULT_TARGET
    return this.#transact(message, (ctx, gas, caller) =>
      executeAction(ctx, {
        kind: 'call', scheme: CallScheme.Call, address: to, codeAddress: to, caller, value: message.value ?? 0n,
        transfersValue: true, input: message.data ?? new Uint8Array(0), gasLimit: gas, isStatic: message.isStatic ?? false,
        returnOffset: 0, returnSize: 0,
      }, 0, { code: message.code }), to)
  }

  /** Calls the code stored at `to`. */
  call(message: MessageOptions & { to: Address; data?: Uint8Array; isStatic?: boolean }): ExecutionResult {
    return this.#transact(message, (ctx, gas, caller) =>
      executeAction(ctx, {
        kind: 'call', scheme: CallScheme.Call, address: message.to, codeAddress: message.to, caller,
        value: message.value ?? 0n, transfersValue: true, input: message.data ?? new Uint8Array(0), gasLimit: gas,
        isStatic: message.isStatic ?? false, returnOffset: 0, returnSize: 0,
      }), message.to)
  }

  /** Runs `initCode` and deploys what it returns (CREATE, or CREATE2 with `salt`). */
  deploy(message: MessageOptions & { initCode: Uint8Array; salt?: bigint }): ExecutionResult {
    if (!(message.initCode instanceof Uint8Array)) throw new InvalidMessageError('initCode must be a Uint8Array')
    return this.#transact(message, (ctx, gas, caller) =>
      executeAction(ctx, { kind: 'create', caller, value: message.value ?? 0n, initCode: message.initCode, gasLimit: gas, salt: message.salt }))
  }

  #transact(message: MessageOptions, run: (ctx: ExecutionContext, gas: number, caller: Address) => FrameResult, to?: Address): ExecutionResult {
    const gasLimit = message.gasLimit ?? DEFAULT_GAS
    if (!Number.isSafeInteger(gasLimit) || gasLimit < 0) throw new InvalidMessageError(`gasLimit must be a non-negative safe integer, got ${gasLimit}`)
    const value = message.value ?? 0n
    if (typeof value !== 'bigint' || value < 0n || value >= 1n << 256n) throw new InvalidMessageError(`value must be a bigint in [0, 2^256), got ${String(value)}`)
    checkAddress('caller', message.caller)
    checkAddress('origin', message.origin)
    checkAddress('to', to)
    const data = (message as { data?: unknown }).data
    if (data !== undefined && !(data instanceof Uint8Array)) throw new InvalidMessageError('data must be a Uint8Array')
    const caller = message.caller ?? DEFAULT_CALLER
    const o = this.options
    // Without a block override every message shares one default block environment (nothing writes to it).
    const block = o.block === undefined ? (this.#defaultBlock ??= defaultBlockEnv()) : { ...defaultBlockEnv(), ...o.block }
    const ctx: ExecutionContext = {
      state: this.state, host: this.#host, block,
      tx: { origin: message.origin ?? caller, gasPrice: message.gasPrice ?? 0n, blobHashes: [] },
      table: o.table, inspector: o.inspector, tier: o.tier, compileThreshold: o.compileThreshold,
    }
    const state = this.state
    // EIP-2929: the chain's precompiles are warm for the whole transaction.
    state.beginTransaction(o.precompiles)
    // EIP-2929: sender and target start warm.
    state.warmAddress(caller)
    if (to) state.warmAddress(to)
    const r = run(ctx, gasLimit, caller)
    const spent = gasLimit - r.gasLeft
    const refund = isSuccess(r.halt) ? cappedRefund(r.refund, spent, ctx.table.schedule.refundQuotient) : 0
    const logs = state.logs.slice()
    const stateDiff = state.finalizeTransaction()
    return {
      status: isSuccess(r.halt) ? 'success' : isRevert(r.halt) ? 'revert' : 'error',
      halt: r.halt,
      error: isSuccess(r.halt) || isRevert(r.halt) ? null : haltName(r.halt),
      gasUsed: spent - refund,
      gasRefunded: refund,
      returnData: r.output,
      logs,
      ...(r.createdAddress ? { createdAddress: r.createdAddress } : {}),
      stateDiff,
    }
  }
}

export { Halt }
