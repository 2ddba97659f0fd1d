/**
 * What the interpreter needs from its surroundings besides state: the block
 * and transaction context, and the hooks through which a chain plugs in
 * precompiles and syscalls (Hedera E0–EC). Everything is synchronous.
 */
import type { Address } from '@zvm/primitives'
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

/** Outcome of a precompile: failure consumes all the gas it was given. */
export type PrecompileResult =
  | { ok: true; gasUsed: number; output: Uint8Array }
  | { ok: false; gasUsed: number; reason: string }

/** A precompiled contract: pure function of input and gas. */
export type Precompile = (input: Uint8Array, gasLimit: number) => PrecompileResult

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
