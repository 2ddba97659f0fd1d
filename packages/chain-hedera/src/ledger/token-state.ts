/** The checks every operation on an existing token makes first, in the network's order. */
import { ResponseCode as RC } from '../response-codes.ts'
import type { TokenRecord } from './types.ts'

/** TOKEN_WAS_DELETED (179), then TOKEN_IS_PAUSED (265), or 0 when the token can be used. */
export function unusableToken(token: TokenRecord): number {
  if (token.deleted) return RC.TOKEN_WAS_DELETED
  if (token.paused) return RC.TOKEN_IS_PAUSED
  return 0
}
