/** Module `a`: authorization and strkey conversion. */
import { StrKey } from '@stellar/stellar-base'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { parseInvokerEntries } from '../auth.ts'
import { hexToBytes } from '@zvm/primitives'
import { isObjectTag, tagOf, VOID } from '../../val.ts'
import type { Invocation } from '../invocation.ts'
import type { HostObject, Of } from '../objects.ts'
import { resolveWasmHash } from './storage.ts'
import type { Arg, HostImplementation } from './types.ts'

export const address: Record<string, HostImplementation> = {
  require_auth: (h, [a]) => { h.requireAuth((a as Of<'address'>).value, undefined); return undefined },
  require_auth_for_args: (h, [a, args]) => { h.requireAuth((a as Of<'address'>).value, (args as Of<'vec'>).value); return undefined },
  authorize_as_curr_contract: (h, [entries]) => {
    h.authManager.authorizeAsCurrentContract(parseInvokerEntries(h.store.toScVal(h.store.alloc(entries as Of<'vec'>))))
    return undefined
  },
  // Protocol 27 account-auth delegation (CAP-71): only inside an account's `__check_auth`.
  get_delegated_signers_for_current_auth_check: (h) =>
    ({ kind: 'vec', value: h.authManager.delegatedSigners().map((a) => h.store.alloc({ kind: 'address', value: a })) }),
  delegate_account_auth: (h, [a]) => { h.authManager.delegateAccountAuth((a as Of<'address'>).value); return undefined },
  strkey_to_address: (h, [v]) => {
    const s = strkeyText(h, v as bigint)
    if (!StrKey.isValidEd25519PublicKey(s) && !StrKey.isValidContract(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid strkey ${s}`)
    return { kind: 'address', value: s }
  },
  address_to_strkey: (_h, [a]) => ({ kind: 'string', value: new TextEncoder().encode((a as Of<'address'>).value) }),
  // Protocol 23: a muxed address (M…) is an account key and a 64-bit id (SEP-23: key ‖ id big-endian).
  get_address_from_muxed_address: (_h, [m]) => ({ kind: 'address', value: StrKey.encodeEd25519PublicKey(Buffer.from(muxedParts(m as Of<'muxed'>).key)) }),
  get_id_from_muxed_address: (_h, [m]) => muxedParts(m as Of<'muxed'>).id,
  get_address_executable: (h, [a]) => addressExecutable(h, (a as Of<'address'>).value),
  // Protocol 26: as strkey_to_address and address_to_strkey, with muxed addresses too.
  strkey_to_muxed_address: (h, [v]) => {
    const s = strkeyText(h, v as bigint)
    if (StrKey.isValidMed25519PublicKey(s)) return { kind: 'muxed', value: s }
    if (!StrKey.isValidEd25519PublicKey(s) && !StrKey.isValidContract(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid strkey ${s}`)
    return { kind: 'address', value: s }
  },
  muxed_address_to_strkey: (h, [v]) => {
    const o = objectOf(h, v as bigint, 'an address or a muxed address')
    if (o.kind !== 'address' && o.kind !== 'muxed') throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected an address or a muxed address')
    return { kind: 'string', value: new TextEncoder().encode(o.value) }
  },
}

/** A Val that must be an object (a number or other small value is the wrong type, not a bad handle). */
function objectOf(h: Invocation, v: bigint, expected: string): HostObject {
  if (!isObjectTag(tagOf(v))) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected ${expected}`)
  return h.store.get(v)
}

function strkeyText(h: Invocation, v: bigint): string {
  const o = objectOf(h, v, 'a strkey string or bytes')
  if (o.kind !== 'string' && o.kind !== 'bytes') throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, 'strkey must be a string or bytes')
  return new TextDecoder().decode(o.value)
}

function muxedParts(m: Of<'muxed'>): { key: Uint8Array, id: bigint } {
  const raw = StrKey.decodeMed25519PublicKey(m.value)
  return { key: raw.subarray(0, 32), id: new DataView(raw.buffer, raw.byteOffset + 32, 8).getBigUint64(0) }
}

/**
 * The `AddressExecutable` contract type of an address (a union, as a Vec): `Wasm(hash)` for a wasm contract (an
 * executable reference resolved to the hash it names now), `StellarAsset`, `Account` for an existing classic
 * account, and Void for an address with no entry.
 */
function addressExecutable(h: Invocation, address: string): Arg {
  const variant = (name: string, ...rest: bigint[]): Arg => ({ kind: 'vec', value: [h.store.symbolVal(name), ...rest] })
  if (StrKey.isValidContract(address)) {
    const c = h.ledger.contracts.get(address)
    if (c === undefined) return VOID
    if (c.executable === 'stellar-asset') return variant('StellarAsset')
    return variant('Wasm', h.store.alloc({ kind: 'bytes', value: hexToBytes(`0x${resolveWasmHash(h, c)}`) }))
  }
  return h.ledger.accounts.has(address) ? variant('Account') : VOID
}
