/**
 * Prices of the system contracts (spec §5) and the fixed HBAR/USD exchange
 * rate behind them and behind 0x168.
 *
 * HTS call gas: P is the canonical USD price in tinycents (1 USD = 10^10
 * tinycents), G the gas price in fee-schedule units (852000, i.e.
 * $0.0000000852 per gas); g = floor((P + G − 1)·1000 / G) and the call
 * costs g + floor(g/5). $0.001 → 15284, a view at $0.0001 → 2607 (never
 * below 100). The HAPI fee half of spec §5's max(canonical, HAPI) is not
 * modelled: the canonical price is used.
 */

/** Tinycents in one US dollar (1 cent = 10^8 tinycents). */
export const TINYCENTS_PER_USD = 10_000_000_000
/** G: gas price in fee-schedule units (852000 = $0.0000000852 per gas). */
export const HTS_GAS_PRICE_UNITS = 852_000
/** The least gas any HTS call costs. */
export const HTS_MIN_GAS = 100

/** Canonical USD prices of HTS calls in tinycents (spec §5). */
export const HTS_PRICES = Object.freeze({
  /** transferToken, FT mint, burn, pause, freeze, KYC, wipe, delete, update; per fungible token of a cryptoTransfer. */
  classic: TINYCENTS_PER_USD / 1000,
  /** Per NFT moved. */
  nftTransfer: TINYCENTS_PER_USD / 500,
  /** Per NFT minted. */
  nftMint: TINYCENTS_PER_USD / 50,
  /** approve and (dis)associate. */
  approveOrAssociate: TINYCENTS_PER_USD / 20,
  /** Views (getTokenInfo, allowance, isToken, getTokenType …). */
  view: TINYCENTS_PER_USD / 10_000,
  /** A token create: charged in HBAR from msg.value, not in gas (see docs/hedera.md). */
  create: TINYCENTS_PER_USD,
})

/** Gas of an HTS create call: a fixed amount, the price itself being paid by msg.value (docs/hedera.md). */
export const HTS_CREATE_GAS = 100_000

/**
 * Gas for an HTS call priced at `tinycents` (spec §5 formula, at least 100).
 *
 * @example
 * ```ts
 * import { htsGasForPrice, HTS_PRICES } from '@zvm/chain-hedera'
 * htsGasForPrice(HTS_PRICES.classic) // 15284
 * htsGasForPrice(HTS_PRICES.view) // 2607
 * ```
 */
export function htsGasForPrice(tinycents: number): number {
  const g = Math.floor(((tinycents + HTS_GAS_PRICE_UNITS - 1) * 1000) / HTS_GAS_PRICE_UNITS)
  const gas = g + Math.floor(g / 5)
  return gas < HTS_MIN_GAS ? HTS_MIN_GAS : gas
}

/** An HBAR/USD exchange rate: `hbarEquiv` HBAR are worth `centEquiv` US cents. */
export interface ExchangeRate {
  readonly hbarEquiv: bigint
  readonly centEquiv: bigint
}

/** The fixed rate this package uses unless told otherwise: 1 HBAR = 12 US cents (so 1 tinybar = 12 tinycents). */
export const DEFAULT_EXCHANGE_RATE: ExchangeRate = Object.freeze({ hbarEquiv: 1n, centEquiv: 12n })

/**
 * Tinycents → tinybar at `rate`, rounded down (as 0x168's tinycentsToTinybars).
 *
 * @example
 * ```ts
 * import { tinycentsToTinybars } from '@zvm/chain-hedera'
 * tinycentsToTinybars(10_000_000_000n) // 833333333n: $1 at 12 cents per HBAR
 * ```
 */
export function tinycentsToTinybars(tinycents: bigint, rate: ExchangeRate = DEFAULT_EXCHANGE_RATE): bigint {
  return (tinycents * rate.hbarEquiv) / rate.centEquiv
}

/**
 * Tinybar → tinycents at `rate`, rounded down (as 0x168's tinybarsToTinycents).
 *
 * @example
 * ```ts
 * import { tinybarsToTinycents } from '@zvm/chain-hedera'
 * tinybarsToTinycents(100n) // 1200n
 * ```
 */
export function tinybarsToTinycents(tinybars: bigint, rate: ExchangeRate = DEFAULT_EXCHANGE_RATE): bigint {
  return (tinybars * rate.centEquiv) / rate.hbarEquiv
}
