/** Module `a`: authorization and strkey conversion. */
import { StrKey } from '@stellar/stellar-base'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { parseInvokerEntries } from '../auth.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

export const address: Record<string, HostImplementation> = {
  require_auth: (h, [a]) => { h.requireAuth((a as Of<'address'>).value, undefined); return undefined },
  require_auth_for_args: (h, [a, args]) => { h.requireAuth((a as Of<'address'>).value, (args as Of<'vec'>).value); return undefined },
  authorize_as_curr_contract: (h, [entries]) => {
    h.authManager.authorizeAsCurrentContract(parseInvokerEntries(h.store.toScVal(h.store.alloc(entries as Of<'vec'>))))
    return undefined
  },
  // Protocol 27 account-auth delegation: only inside a host-run `__check_auth`.
  get_delegated_signers_for_current_auth_check: (h) => {
    if (h.frame.fn !== '__check_auth') throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, 'not inside an authorization check')
    return { kind: 'vec', value: [] }
  },
  delegate_account_auth: (h, [a]) => {
    if (h.frame.fn !== '__check_auth') throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, 'not inside an authorization check')
    throw new HostError(ErrorType.Auth, ErrorCode.InvalidAction, `${(a as Of<'address'>).value} is not a delegate of the credentials being checked`)
  },
  strkey_to_address: (h, [v]) => {
    const o = h.store.get(v as bigint)
    if (o.kind !== 'string' && o.kind !== 'bytes') throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, 'strkey must be a string or bytes')
    const s = new TextDecoder().decode(o.value)
    if (!StrKey.isValidEd25519PublicKey(s) && !StrKey.isValidContract(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid strkey ${s}`)
    return { kind: 'address', value: s }
  },
  address_to_strkey: (_h, [a]) => ({ kind: 'string', value: new TextEncoder().encode((a as Of<'address'>).value) }),
}
