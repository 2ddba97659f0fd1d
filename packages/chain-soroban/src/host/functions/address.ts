/** Module `a`: authorization and strkey conversion. */
import { StrKey } from '@stellar/stellar-base'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

export const address: Record<string, HostImplementation> = {
  require_auth: (h, [a]) => { h.requireAuth((a as Of<'address'>).value, undefined); return undefined },
  require_auth_for_args: (h, [a, args]) => { h.requireAuth((a as Of<'address'>).value, (args as Of<'vec'>).value); return undefined },
  strkey_to_address: (h, [v]) => {
    const o = h.store.get(v as bigint)
    if (o.kind !== 'string' && o.kind !== 'bytes') throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, 'strkey must be a string or bytes')
    const s = new TextDecoder().decode(o.value)
    if (!StrKey.isValidEd25519PublicKey(s) && !StrKey.isValidContract(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid strkey ${s}`)
    return { kind: 'address', value: s }
  },
  address_to_strkey: (_h, [a]) => ({ kind: 'string', value: new TextEncoder().encode((a as Of<'address'>).value) }),
}
