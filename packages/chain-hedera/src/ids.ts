/**
 * Hedera entity ids `shard.realm.num` and their long-zero EVM addresses
 * (spec §6): shard (4 bytes) ‖ realm (8 bytes) ‖ num (8 bytes), big-endian,
 * so 0.0.1234 = 0x00…04d2.
 */
import { bigintToAddress, type Address } from '@zvm/primitives'
import { InvalidEntityIdError } from './errors.ts'

/** The three parts of an entity id. */
export interface EntityIdParts {
  readonly shard: bigint
  readonly realm: bigint
  readonly num: bigint
}

const ID_RE = /^(\d+)\.(\d+)\.(\d+)$/
const MAX_SHARD = (1n << 32n) - 1n
const MAX_LONG = (1n << 63n) - 1n

/**
 * Parses `shard.realm.num` (shard < 2^32, realm and num < 2^63).
 *
 * @example
 * ```ts
 * import { parseEntityId } from '@zvm/chain-hedera'
 * parseEntityId('0.0.1234').num // 1234n
 * ```
 */
export function parseEntityId(id: string): EntityIdParts {
  const m = typeof id === 'string' ? ID_RE.exec(id) : null
  if (!m) throw new InvalidEntityIdError(`not an entity id 'shard.realm.num': ${JSON.stringify(id)}`)
  const shard = BigInt(m[1]), realm = BigInt(m[2]), num = BigInt(m[3])
  if (shard > MAX_SHARD || realm > MAX_LONG || num > MAX_LONG) throw new InvalidEntityIdError(`entity id ${id} is out of range (shard < 2^32, realm and num < 2^63)`)
  return { shard, realm, num }
}

/**
 * `shard.realm.num` from its parts.
 *
 * @example
 * ```ts
 * import { formatEntityId } from '@zvm/chain-hedera'
 * formatEntityId({ shard: 0n, realm: 0n, num: 7n }) // '0.0.7'
 * ```
 */
export function formatEntityId(parts: EntityIdParts): string {
  return `${parts.shard}.${parts.realm}.${parts.num}`
}

/**
 * The long-zero address of an entity id.
 *
 * @example
 * ```ts
 * import { entityIdToAddress } from '@zvm/chain-hedera'
 * entityIdToAddress('0.0.1234') // '0x00000000000000000000000000000000000004d2'
 * ```
 */
export function entityIdToAddress(id: string | EntityIdParts): Address {
  const p = typeof id === 'string' ? parseEntityId(id) : id
  return bigintToAddress((p.shard << 128n) | (p.realm << 64n) | p.num)
}

/**
 * The entity id an address encodes when read as long-zero (every address
 * decodes; whether it names an entity is the ledger's question).
 *
 * @example
 * ```ts
 * import { addressToEntityId } from '@zvm/chain-hedera'
 * addressToEntityId('0x00000000000000000000000000000000000004d2') // '0.0.1234'
 * ```
 */
export function addressToEntityId(address: Address): string {
  return formatEntityId(addressToParts(address))
}

/** The shard, realm and num an address encodes as long-zero. */
export function addressToParts(address: Address): EntityIdParts {
  const v = BigInt(address)
  return { shard: v >> 128n, realm: (v >> 64n) & ((1n << 64n) - 1n), num: v & ((1n << 64n) - 1n) }
}
