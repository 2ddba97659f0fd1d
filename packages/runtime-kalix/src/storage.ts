/**
 * Where KALIX keeps state: a state variable in the word at its ABI slot, a
 * table entry at TABLEHASH(slot, key) = keccak256(slot ‖ key), both as
 * 32-byte big-endian words (the TABLEHASH opcode, docs/native-isa.md). A key
 * of a one-word type is its encoded word; a `bytes` or `string` key is
 * first hashed to keccak256 of its bytes (as Solidity does for mapping keys
 * that are not one word, and as the contract must do before TABLEHASH).
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigint, bigintToBytes } from '@zvm/primitives'
import { encodeWord } from './codec.ts'
import { KalixValueError } from './errors.ts'
import { isDynamic, parseKalixType, type KalixType } from './types.ts'

/**
 * The storage slot of a table entry: keccak256(slot ‖ keyWord).
 *
 * @example
 * ```ts
 * import { tableSlot } from '@zvm/runtime-kalix'
 * typeof tableSlot(1, 'address', '0x00000000000000000000000000000000000000aa') // 'bigint'
 * ```
 */
export function tableSlot(slot: number | bigint, keyType: string | KalixType, key: unknown): bigint {
  const t = typeof keyType === 'string' ? parseKalixType(keyType) : keyType
  let keyWord: bigint
  if (isDynamic(t)) {
    let bytes: Uint8Array
    if (t.kind === 'string' && typeof key === 'string') bytes = new TextEncoder().encode(key)
    else if (t.kind === 'bytes' && key instanceof Uint8Array) bytes = key
    else throw new KalixValueError('key', `expected ${t.kind === 'string' ? 'a string' : 'a Uint8Array'} for a ${t.kind} key`)
    keyWord = bytesToBigint(keccak_256(bytes))
  } else keyWord = encodeWord(t, key, 'key')
  const input = new Uint8Array(64)
  input.set(bigintToBytes(BigInt(slot), 32), 0)
  input.set(bigintToBytes(keyWord, 32), 32)
  return bytesToBigint(keccak_256(input))
}
