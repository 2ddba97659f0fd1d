/**
 * The HTS_CREATE (E6) token descriptor: the memory range (offset, length)
 * the op pops. Nine 32-byte big-endian words, then the strings packed:
 *
 * | offset | word |
 * |---|---|
 * | 0   | flags: bit 0 type (0 fungible, 1 non-fungible), bit 1 freezeDefault, bit 2 finite supply; bits 8–14 key mask (bit 8 + i = key i of admin, kyc, freeze, wipe, supply, feeSchedule, pause), each set key = the executing account |
 * | 32  | treasury address (low 20 bytes; 0 = the executing account) |
 * | 64  | initial supply |
 * | 96  | max supply (finite supply) |
 * | 128 | decimals |
 * | 160 | expiry, seconds (0 = consensus time + 90 days) |
 * | 192 | name length n |
 * | 224 | symbol length s |
 * | 256 | memo length m |
 * | 288 | name (n bytes UTF-8) ‖ symbol (s) ‖ memo (m) |
 *
 * The length must cover 288 + n + s + m bytes; extra bytes are ignored.
 */
import { bigintToAddress, type Address } from '@zvm/primitives'
import type { LedgerKey } from './ledger/keys.ts'
import type { CreateTokenOptions } from './ledger/tokens.ts'
import { TOKEN_KEY_NAMES, type TokenKeys } from './ledger/types.ts'

/** Size of the descriptor's fixed part. */
export const TOKEN_DESCRIPTOR_HEADER_BYTES = 288

const MAX_TEXT = 1n << 16n

function word(bytes: Uint8Array, index: number): bigint {
  let v = 0n
  for (let i = index * 32; i < index * 32 + 32; i++) v = (v << 8n) | BigInt(bytes[i])
  return v
}

/** The options a descriptor stands for, or undefined when the bytes do not form one (too short, bad flags or sizes, invalid UTF-8). */
export function decodeTokenDescriptor(bytes: Uint8Array, executing: Address): Omit<CreateTokenOptions, 'caller'> | undefined {
  if (bytes.length < TOKEN_DESCRIPTOR_HEADER_BYTES) return undefined
  const flags = word(bytes, 0)
  if (flags >> 15n !== 0n || (flags & 0xf8n) !== 0n) return undefined
  const lengths = [word(bytes, 6), word(bytes, 7), word(bytes, 8)]
  if (lengths.some((n) => n >= MAX_TEXT)) return undefined
  const [n, s, m] = lengths.map(Number)
  if (bytes.length < TOKEN_DESCRIPTOR_HEADER_BYTES + n + s + m) return undefined
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let name: string, symbol: string, memo: string
  try {
    let at = TOKEN_DESCRIPTOR_HEADER_BYTES
    name = decoder.decode(bytes.subarray(at, at += n))
    symbol = decoder.decode(bytes.subarray(at, at += s))
    memo = decoder.decode(bytes.subarray(at, at + m))
  } catch {
    return undefined
  }
  const self: LedgerKey = { kind: 'entity', address: executing }
  const keys: { -readonly [K in keyof TokenKeys]: TokenKeys[K] } = {}
  TOKEN_KEY_NAMES.forEach((k, i) => { if ((flags >> BigInt(8 + i)) & 1n) keys[k] = self })
  const treasuryWord = word(bytes, 1)
  const finite = (flags & 4n) !== 0n
  const expiry = word(bytes, 5)
  const decimals = word(bytes, 4)
  return {
    type: flags & 1n ? 'nonFungible' : 'fungible',
    name, symbol, memo,
    treasury: treasuryWord === 0n ? executing : bigintToAddress(treasuryWord),
    initialSupply: word(bytes, 2),
    supplyType: finite ? 'finite' : 'infinite',
    maxSupply: word(bytes, 3),
    freezeDefault: (flags & 2n) !== 0n,
    decimals: decimals > 0x7fffffffn ? -1 : Number(decimals),
    keys,
    ...(expiry === 0n ? {} : { expiry }),
  }
}
