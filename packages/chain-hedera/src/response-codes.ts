/**
 * Hedera response codes (the protobuf `ResponseCodeEnum`), as numbers. The
 * spec's §4 list (/work/shared/spec/hedera.md) plus the few codes the network
 * returns for checks that list leaves out (no freeze/KYC/wipe/pause key,
 * immutable token, wiping amount …), each checked against
 * hedera-protobufs `services/response_code.proto`.
 */

/**
 * Response codes by name.
 *
 * @example
 * ```ts
 * import { ResponseCode } from '@zvm/chain-hedera'
 * ResponseCode.SUCCESS // 22
 * ```
 */
export const ResponseCode = Object.freeze({
  OK: 0,
  INVALID_TRANSACTION: 1,
  INVALID_SIGNATURE: 7,
  MEMO_TOO_LONG: 8,
  NOT_SUPPORTED: 13,
  INVALID_ACCOUNT_ID: 15,
  INVALID_CONTRACT_ID: 16,
  UNKNOWN: 21,
  SUCCESS: 22,
  FAIL_INVALID: 23,
  INSUFFICIENT_ACCOUNT_BALANCE: 28,
  INVALID_SOLIDITY_ADDRESS: 29,
  INVALID_ACCOUNT_AMOUNTS: 48,
  INVALID_TRANSACTION_BODY: 50,
  INVALID_TOPIC_ID: 150,
  INVALID_SUBMIT_KEY: 156,
  UNAUTHORIZED: 157,
  INVALID_TOPIC_MESSAGE: 158,
  TOPIC_EXPIRED: 162,
  ACCOUNT_FROZEN_FOR_TOKEN: 165,
  TOKENS_PER_ACCOUNT_LIMIT_EXCEEDED: 166,
  INVALID_TOKEN_ID: 167,
  INVALID_TOKEN_DECIMALS: 168,
  INVALID_TOKEN_INITIAL_SUPPLY: 169,
  INVALID_TREASURY_ACCOUNT_FOR_TOKEN: 170,
  TOKEN_HAS_NO_FREEZE_KEY: 172,
  MISSING_TOKEN_SYMBOL: 174,
  TOKEN_SYMBOL_TOO_LONG: 175,
  ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN: 176,
  TOKEN_HAS_NO_KYC_KEY: 177,
  INSUFFICIENT_TOKEN_BALANCE: 178,
  TOKEN_WAS_DELETED: 179,
  TOKEN_HAS_NO_SUPPLY_KEY: 180,
  TOKEN_HAS_NO_WIPE_KEY: 181,
  INVALID_TOKEN_MINT_AMOUNT: 182,
  INVALID_TOKEN_BURN_AMOUNT: 183,
  TOKEN_NOT_ASSOCIATED_TO_ACCOUNT: 184,
  CANNOT_WIPE_TOKEN_TREASURY_ACCOUNT: 185,
  MISSING_TOKEN_NAME: 190,
  TOKEN_NAME_TOO_LONG: 191,
  INVALID_WIPING_AMOUNT: 192,
  TOKEN_IS_IMMUTABLE: 193,
  TOKEN_ALREADY_ASSOCIATED_TO_ACCOUNT: 194,
  TRANSACTION_REQUIRES_ZERO_TOKEN_BALANCES: 195,
  ACCOUNT_IS_TREASURY: 196,
  INVALID_ZERO_BYTE_IN_STRING: 211,
  MESSAGE_SIZE_TOO_LARGE: 214,
  INVALID_TOKEN_MAX_SUPPLY: 224,
  INVALID_NFT_ID: 226,
  METADATA_TOO_LONG: 227,
  TOKEN_MAX_SUPPLY_REACHED: 236,
  SENDER_DOES_NOT_OWN_NFT_SERIAL_NO: 237,
  CURRENT_TREASURY_STILL_OWNS_NFTS: 250,
  ACCOUNT_STILL_OWNS_NFTS: 251,
  TREASURY_MUST_OWN_BURNED_NFT: 252,
  ACCOUNT_DOES_NOT_OWN_WIPED_NFT: 253,
  ACCOUNT_AMOUNT_TRANSFERS_ONLY_ALLOWED_FOR_FUNGIBLE_COMMON: 254,
  TOKEN_IS_PAUSED: 265,
  TOKEN_HAS_NO_PAUSE_KEY: 266,
  SPENDER_DOES_NOT_HAVE_ALLOWANCE: 292,
  AMOUNT_EXCEEDS_ALLOWANCE: 293,
  INVALID_ALLOWANCE_OWNER_ID: 300,
  INVALID_ALLOWANCE_SPENDER_ID: 301,
} as const)

/** A response code's name. */
export type ResponseCodeName = keyof typeof ResponseCode

const NAMES = new Map<number, ResponseCodeName>(Object.entries(ResponseCode).map(([k, v]) => [v, k as ResponseCodeName]))

/**
 * The name of a response code, or `RESPONSE_CODE_<n>` for one this package never returns.
 *
 * @example
 * ```ts
 * import { responseCodeName } from '@zvm/chain-hedera'
 * responseCodeName(184) // 'TOKEN_NOT_ASSOCIATED_TO_ACCOUNT'
 * ```
 */
export function responseCodeName(code: number): string {
  return NAMES.get(code) ?? `RESPONSE_CODE_${code}`
}
