/**
 * Gas of the native ops whose work is not a few machine operations: hashing,
 * post-quantum signatures and Hedera host queries. Each price was set from a
 * measurement of the op's worst case (docs/native-isa.md, "Gas of expensive
 * native ops"): at least 2× the measured time at 50 ns per gas, so every
 * native op runs at ≥ 20 Mgas/s on a machine half as fast. Base costs include
 * the static gas of OPCODE_COSTS (frozen by the spec); the interpreter charges
 * the difference with {@link nativeSurcharge}. Memory expansion is extra.
 * The EVM table keeps Ethereum's prices; these apply to the native table only.
 */
import { NATIVE_OPCODES_BY_NAME } from '@zvm/bytecode'

/** Post-quantum parameter sets PQ_VERIFY_* selects by key (and signature) length. */
export type PqParameterSet =
  | 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87'
  | 'Falcon-512' | 'Falcon-1024'
  | 'SLH-DSA-SHA2-128s' | 'SLH-DSA-SHA2-128f' | 'SLH-DSA-SHA2-192s' | 'SLH-DSA-SHA2-192f' | 'SLH-DSA-SHA2-256s' | 'SLH-DSA-SHA2-256f'

/**
 * Gas of one PQ_VERIFY_* with a recognised parameter set, static gas included,
 * before the per-word and memory charges. Inputs of no known length cost only
 * the op's static gas, per-word and memory (nothing is verified).
 *
 * @example
 * ```ts
 * import { PQ_VERIFY_GAS } from '@zvm/gas'
 * PQ_VERIFY_GAS['SLH-DSA-SHA2-256f'] // 710000
 * ```
 */
export const PQ_VERIFY_GAS: Readonly<Record<PqParameterSet, number>> = Object.freeze({
  'ML-DSA-44': 55_000,
  'ML-DSA-65': 100_000,
  'ML-DSA-87': 240_000,
  'Falcon-512': 36_000,
  'Falcon-1024': 85_000,
  'SLH-DSA-SHA2-128s': 160_000,
  'SLH-DSA-SHA2-128f': 350_000,
  'SLH-DSA-SHA2-192s': 180_000,
  'SLH-DSA-SHA2-192f': 390_000,
  'SLH-DSA-SHA2-256s': 310_000,
  'SLH-DSA-SHA2-256f': 710_000,
})

/**
 * PQ_VERIFY_*: per 32-byte word of message, signature and key (the message is
 * hashed at ~2.5 µs per word). The op charges it in any table it is placed in.
 *
 * @example
 * ```ts
 * import { PQ_VERIFY_WORD_GAS } from '@zvm/gas'
 * PQ_VERIFY_WORD_GAS // 100
 * ```
 */
export const PQ_VERIFY_WORD_GAS = 100

/**
 * HCS_SUBMIT: per byte of the message (docs/native-isa.md), on top of the
 * static gas and memory expansion.
 *
 * @example
 * ```ts
 * import { HCS_SUBMIT_BYTE_GAS } from '@zvm/gas'
 * HCS_SUBMIT_BYTE_GAS // 100
 * ```
 */
export const HCS_SUBMIT_BYTE_GAS = 100

/**
 * Base gas (static included) and per-word gas of the native hashing ops, and
 * the whole cost of the ops priced by measurement.
 *
 * @example
 * ```ts
 * import { NATIVE_OP_GAS } from '@zvm/gas'
 * NATIVE_OP_GAS.KECCAK256 // { base: 340, perWord: 100 }
 * ```
 */
export const NATIVE_OP_GAS = Object.freeze({
  KECCAK256: Object.freeze({ base: 340, perWord: 100 }),
  SHA256: Object.freeze({ base: 72, perWord: 12 }),
  RIPEMD160: Object.freeze({ base: 600, perWord: 120 }),
  BLAKE2B: Object.freeze({ base: 280, perWord: 50 }),
  /** One Keccak-f permutation over 64 bytes. */
  TABLEHASH: 270,
  /** ML-DSA-65 key generation. */
  PQ_KEYGEN: 135_000,
  /** Host queries: the syscall dispatch (arguments to bigints, the hook call, the result) and nothing else. */
  HEDERA_ACCOUNT_ID: 16,
  HEDERA_TIMESTAMP: 16,
})

type PricedOp = keyof typeof NATIVE_OP_GAS

/**
 * Gas the interpreter charges on top of `op`'s static gas (OPCODE_COSTS).
 *
 * @example
 * ```ts
 * import { nativeSurcharge } from '@zvm/gas'
 * nativeSurcharge('KECCAK256') // 310 (340 - 30)
 * ```
 */
export function nativeSurcharge(op: PricedOp): number {
  const priced = NATIVE_OP_GAS[op]
  const base = typeof priced === 'number' ? priced : priced.base
  return base - NATIVE_OPCODES_BY_NAME.get(op)!.staticGas
}
