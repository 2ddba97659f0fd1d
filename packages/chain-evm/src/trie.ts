/**
 * Merkle-Patricia trie roots (Yellow Paper appendix D), computed directly
 * from a set of key/value pairs: sort, then build branch/extension/leaf
 * nodes recursively, inlining nodes shorter than 32 bytes. Also the state
 * root (secure trie of accounts, each with a storage trie) and the logs hash
 * state tests compare.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { addressToBytes, bigintToBytes, hexToBytes, type Address, type Hex } from '@zvm/primitives'
import { rlpEncode, type RlpInput } from './rlp.ts'

/** Root of the empty trie: keccak256(rlp('')). */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak_256(rlpEncode(new Uint8Array(0)))

function toNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2)
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i] >> 4
    out[2 * i + 1] = key[i] & 15
  }
  return out
}

function hexPrefix(nibbles: Uint8Array, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2
  const flag = (leaf ? 2 : 0) + odd
  const out = new Uint8Array(Math.floor(nibbles.length / 2) + 1)
  out[0] = (flag << 4) | (odd ? nibbles[0] : 0)
  for (let i = odd, j = 1; i < nibbles.length; i += 2, j++) out[j] = (nibbles[i] << 4) | nibbles[i + 1]
  return out
}

type Pair = [Uint8Array, Uint8Array]

/** A child reference: inline when the encoded node is under 32 bytes, else its hash. */
function reference(encoded: Uint8Array): RlpInput {
  return encoded.length < 32 ? { raw: encoded } : keccak_256(encoded)
}

function encodeNode(pairs: Pair[], depth: number): Uint8Array {
  if (pairs.length === 1) {
    const [key, value] = pairs[0]
    return rlpEncode([hexPrefix(key.subarray(depth), true), value])
  }
  // Longest common prefix of all keys from `depth` (keys are sorted: compare first and last).
  const first = pairs[0][0]
  const last = pairs[pairs.length - 1][0]
  let common = 0
  while (depth + common < first.length && depth + common < last.length && first[depth + common] === last[depth + common]) common++
  if (common > 0) {
    return rlpEncode([hexPrefix(first.subarray(depth, depth + common), false), reference(encodeNode(pairs, depth + common))])
  }
  const branch: RlpInput[] = new Array(17).fill(new Uint8Array(0))
  let i = 0
  if (pairs[0][0].length === depth) {
    branch[16] = pairs[0][1]
    i = 1
  }
  while (i < pairs.length) {
    const nibble = pairs[i][0][depth]
    let j = i
    while (j < pairs.length && pairs[j][0][depth] === nibble) j++
    branch[nibble] = reference(encodeNode(pairs.slice(i, j), depth + 1))
    i = j
  }
  return rlpEncode(branch)
}

function compareNibbles(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/**
 * Root hash of the trie holding `entries` (empty values are omitted, as a
 * trie never stores them). Later duplicates of a key win.
 *
 * @example
 * ```ts
 * import { trieRoot } from '@zvm/chain-evm'
 * trieRoot([]) // keccak256(0x80) = 0x56e81f17…
 * ```
 */
export function trieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const byKey = new Map<string, Pair>()
  for (const [k, v] of entries) {
    const id = Buffer.from(k).toString('hex')
    if (v.length === 0) byKey.delete(id)
    else byKey.set(id, [toNibbles(k), v])
  }
  if (byKey.size === 0) return EMPTY_TRIE_ROOT.slice()
  const pairs = [...byKey.values()].sort((a, b) => compareNibbles(a[0], b[0]))
  return keccak_256(encodeNode(pairs, 0))
}

/**
 * Root of a secure trie (keys hashed with keccak256), as Ethereum uses for state and storage.
 *
 * @example
 * ```ts
 * import { secureTrieRoot } from '@zvm/chain-evm'
 * secureTrieRoot([[new Uint8Array([1]), new Uint8Array([2])]]).length // 32
 * ```
 */
export function secureTrieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const hashed: [Uint8Array, Uint8Array][] = []
  for (const [k, v] of entries) hashed.push([keccak_256(k), v])
  return trieRoot(hashed)
}

/** An account as the state root sees it. */
export interface RootAccount {
  address: Address
  nonce: bigint
  balance: bigint
  codeHash: Hex
  storage: ReadonlyMap<bigint, bigint>
}

/**
 * Storage root of an account: slot keys as 32 bytes, values RLP-encoded, zeros omitted.
 *
 * @example
 * ```ts
 * import { storageRoot } from '@zvm/chain-evm'
 * storageRoot(new Map()) // the empty trie root
 * ```
 */
export function storageRoot(storage: ReadonlyMap<bigint, bigint>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = []
  for (const [k, v] of storage) if (v !== 0n) entries.push([bigintToBytes(k, 32), rlpEncode(v)])
  return secureTrieRoot(entries)
}

/**
 * The state root: a secure trie of address → rlp([nonce, balance, storageRoot, codeHash]).
 *
 * @example
 * ```ts
 * import { stateRoot } from '@zvm/chain-evm'
 * stateRoot([]).length // 32
 * ```
 */
export function stateRoot(accounts: Iterable<RootAccount>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = []
  for (const a of accounts) {
    entries.push([addressToBytes(a.address), rlpEncode([a.nonce, a.balance, storageRoot(a.storage), hexToBytes(a.codeHash)])])
  }
  return secureTrieRoot(entries)
}

/** A log as the logs hash sees it. */
export interface RootLog {
  address: Address
  topics: readonly bigint[]
  data: Uint8Array
}

/**
 * keccak256 of the RLP list of logs, each [address, [topics…], data], as state tests compare.
 *
 * @example
 * ```ts
 * import { logsHash } from '@zvm/chain-evm'
 * logsHash([]) // 0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347
 * ```
 */
export function logsHash(logs: readonly RootLog[]): Uint8Array {
  return keccak_256(rlpEncode(logs.map((l) => [addressToBytes(l.address), l.topics.map((t) => bigintToBytes(t, 32)), l.data])))
}
