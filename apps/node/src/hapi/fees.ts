/**
 * Transaction and query fees in tinybar. A fixed USD price per operation
 * (Hedera's published base prices, rounded) at the ledger's exchange rate
 * (1 HBAR = 12¢), plus gas at Hedera's 852,000 fee units = 71 tinybar per
 * gas for contract transactions. Omitted: the fee schedule's dependence on
 * bytes, signatures and storage duration.
 */
import { DEFAULT_EXCHANGE_RATE, tinycentsToTinybars } from '@zvm/chain-hedera'

/** USD price in millionths of a dollar, by TransactionBody data case: exactly the types this node runs (others are NOT_SUPPORTED). */
const PRICE_MICRO_USD: Record<string, number> = {
  cryptoTransfer: 100, cryptoCreateAccount: 50_000,
  fileCreate: 50_000, fileAppend: 50_000, fileDelete: 7_000,
  contractCreateInstance: 1_000_000, contractCall: 1_000,
  tokenCreation: 1_000_000, tokenAssociate: 50_000, tokenDissociate: 50_000, tokenMint: 1_000, tokenBurn: 1_000, tokenPause: 1_000,
  tokenUnpause: 1_000, tokenFreeze: 1_000, tokenUnfreeze: 1_000, tokenGrantKyc: 1_000, tokenRevokeKyc: 1_000, tokenWipe: 1_000,
  tokenDeletion: 1_000, tokenUpdate: 1_000,
  consensusCreateTopic: 10_000, consensusUpdateTopic: 220, consensusDeleteTopic: 5_000, consensusSubmitMessage: 100,
}

/** Tinybar per gas: 852,000 fee units ($0.0000000852) at 12¢ per HBAR. */
export const TINYBAR_PER_GAS = 71n

const TINYCENTS_PER_MICRO_USD = 100n // 1 USD = 10^8 tinycents

/** The base fee of a transaction type in tinybar (undefined for a type this node does not run). */
export function baseFee(dataCase: string): bigint | undefined {
  const micro = PRICE_MICRO_USD[dataCase]
  return micro === undefined ? undefined : tinycentsToTinybars(BigInt(micro) * TINYCENTS_PER_MICRO_USD, DEFAULT_EXCHANGE_RATE)
}

/** Answer-only cost of a paid query (records, local calls, infos). */
export function queryCost(gas: bigint = 0n): bigint {
  return 100n + gas * TINYBAR_PER_GAS
}
