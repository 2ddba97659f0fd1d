/**
 * What the interpreter needs from its surroundings besides state: the block
 * and transaction context, and the hooks through which a chain plugs in
 * precompiles and syscalls (Hedera E0–EC). Everything is synchronous.
 */
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import type { Memory } from './memory.ts'

/** Block context read by COINBASE … BASEFEE. */
export interface BlockEnv {
  number: bigint
  timestamp: bigint
  coinbase: Address
  gasLimit: bigint
  baseFee: bigint
  prevRandao: bigint
  difficulty: bigint
  chainId: bigint
  blobBaseFee: bigint
}

/** Transaction context read by ORIGIN, GASPRICE, BLOBHASH. */
export interface TxEnv {
  origin: Address
  gasPrice: bigint
  blobHashes: readonly bigint[]
}

/** Outcome of a precompile: a failure consumes all the gas it was given, a revert only `gasUsed`. */
export type PrecompileResult =
  | { ok: true; gasUsed: number; output: Uint8Array }
  /**
   * With `revert`, the call REVERTs as a contract's would: `revert` is its
   * revert data, its state changes are undone and the gas not used goes back
   * to the caller (system contracts whose views revert, like Hedera's).
   * Without, it fails and all the call's gas is consumed.
   */
  | { ok: false; gasUsed: number; reason: string; revert?: Uint8Array }

/** What a precompile sees of its call. */
export interface PrecompileContext {
  /** The account the call runs as: the precompile's own address, or the caller's for DELEGATECALL/CALLCODE. */
  readonly address: Address
  /** The precompile's address. */
  readonly codeAddress: Address
  readonly caller: Address
  /** Value sent with the call (already transferred to `address`). */
  readonly value: bigint
  readonly isStatic: boolean
  /** CallScheme of the call: 0 CALL, 1 CALLCODE, 2 DELEGATECALL, 3 STATICCALL. */
  readonly scheme: number
  readonly depth: number
  /**
   * The journaled state. Writes are undone when the precompile fails or any
   * frame that contains the call reverts, like a contract's own writes.
   */
  readonly state: JournaledState
  readonly block: BlockEnv
  readonly tx: TxEnv
}

/**
 * A precompiled contract. Most are pure functions of input and gas and
 * ignore the context; a stateful one reads and writes `context.state`. A
 * precompile that throws fails its call with `PrecompileError`, burning the
 * call's gas.
 */
export type Precompile = (input: Uint8Array, gasLimit: number, context: PrecompileContext) => PrecompileResult

/** A precompile that depends on its input and gas only (every Ethereum precompile); it is also a {@link Precompile}. */
export type PurePrecompile = (input: Uint8Array, gasLimit: number) => PrecompileResult

/** What a syscall handler sees of the calling frame. */
export interface SyscallContext {
  /** The executing account. */
  readonly address: Address
  readonly caller: Address
  readonly isStatic: boolean
  /** Gas left after the static cost. */
  readonly gasLeft: number
  /** The frame's memory (read ranges the syscall's arguments point at). */
  readonly memory: Memory
}

/** A syscall's answer: the word to push and extra gas to charge. */
export type SyscallResult =
  | { ok: true; value: bigint; gasUsed?: number }
  | { ok: false; reason: string; gasUsed?: number }

/**
 * Chain hooks. A host without `syscall` makes Hedera opcodes fail cleanly
 * with SyscallUnavailable.
 */
export interface Host {
  /** Hash of a recent block; 0n when unknown. */
  blockHash(number: bigint): bigint
  /** The precompile at `address`, if any. Called on every CALL: keep it a Map lookup. */
  precompile?(address: Address): Precompile | undefined
  /** Handles a Hedera syscall opcode with its popped arguments (top of stack first). */
  syscall?(opcode: number, args: readonly bigint[], context: SyscallContext): SyscallResult
}

/** Defaults: block 1, chain id 1, zero addresses, no block hashes, no hooks. */
export function defaultBlockEnv(): BlockEnv {
  return {
    number: 1n,
    timestamp: 1n,
    coinbase: '0x0000000000000000000000000000000000000000',
    gasLimit: 30_000_000n,
    baseFee: 0n,
    prevRandao: 0n,
    difficulty: 0n,
    chainId: 1n,
    blobBaseFee: 1n,
  }
}

/** Default transaction context: origin zero, gas price zero. */
export function defaultTxEnv(origin: Address = '0x0000000000000000000000000000000000000000'): TxEnv {
  return { origin, gasPrice: 0n, blobHashes: [] }
}

/** A host that knows no block hashes and has no precompiles or syscalls. */
export const EMPTY_HOST: Host = Object.freeze({ blockHash: () => 0n })
