/**
 * GeneralStateTests fixtures (ethereum/tests format): a pre-state, a block
 * environment, a transaction matrix (data × gas × value) and, per fork, the
 * expected post-state root and logs hash of each combination.
 */
import { hexToBytes, toAddress, type Address } from '@zvm/primitives'
import { ZvmError } from '@zvm/primitives'
import type { EvmBlock } from '../handler.ts'
import type { AccessListEntry, EvmTransaction } from '../transaction.ts'
import { shapeProblem } from './shape.ts'

export interface FixtureAccount { balance: string; nonce: string; code: string; storage: Record<string, string> }

export interface FixturePost {
  hash: string
  logs: string
  indexes: { data: number; gas: number; value: number }
  expectException?: string
  txbytes?: string
}

export interface StateTestFixture {
  env: Record<string, string>
  pre: Record<string, FixtureAccount>
  transaction: {
    data: string[]
    gasLimit: string[]
    value: string[]
    nonce: string
    sender?: string
    to: string
    gasPrice?: string
    maxFeePerGas?: string
    maxPriorityFeePerGas?: string
    accessLists?: ({ address: string; storageKeys: string[] }[] | null)[]
    maxFeePerBlobGas?: string
    blobVersionedHashes?: string[]
  }
  post: Record<string, FixturePost[]>
}

/**
 * A fixture file that is not a state test.
 *
 * @example
 * ```ts
 * import { parseStateTestFile, FixtureError } from '@zvm/chain-evm/statetest'
 * try { parseStateTestFile('{"x": 1}', 'x.json') } catch (e) { console.log(e instanceof FixtureError) } // true
 * ```
 */
export class FixtureError extends ZvmError {
  override name = 'FixtureError'
  constructor(message: string) {
    super('STATETEST_FIXTURE', message)
  }
}

/**
 * Parses a fixture file's JSON text into its named tests; a FixtureError
 * names the file and, for a test of the wrong shape, the field (see shape.ts).
 */
export function parseStateTestFile(text: string, file: string): Record<string, StateTestFixture> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new FixtureError(`${file}: not JSON (${(e as Error).message})`)
  }
  const problem = shapeProblem(json)
  if (problem !== undefined) throw new FixtureError(`${file}: ${problem}`)
  return json as Record<string, StateTestFixture>
}

// Fixtures write out-of-range values as `0x:bigint 0x…`.
const big = (hex: string | undefined, fallback = 0n): bigint =>
  hex === undefined || hex === '' ? fallback : BigInt(hex.startsWith('0x:bigint ') ? hex.slice(10) : hex)

/** The block of a fixture's `env` (chain id 1; pre-merge difficulty ignored when a random is given). */
export function fixtureBlock(env: Record<string, string>): EvmBlock {
  return {
    number: big(env.currentNumber),
    timestamp: big(env.currentTimestamp),
    coinbase: toAddress(env.currentCoinbase),
    gasLimit: big(env.currentGasLimit),
    baseFee: big(env.currentBaseFee, 10n),
    prevRandao: big(env.currentRandom ?? env.currentDifficulty),
    difficulty: big(env.currentDifficulty),
    chainId: 1n,
    excessBlobGas: big(env.currentExcessBlobGas),
  }
}

/** The transaction of one (data, gas, value) combination. */
export function fixtureTransaction(t: StateTestFixture['transaction'], indexes: FixturePost['indexes']): EvmTransaction {
  const accessListRaw = t.accessLists?.[indexes.data] ?? undefined
  const accessList: AccessListEntry[] | undefined = accessListRaw?.map((e) => ({ address: toAddress(e.address), storageKeys: e.storageKeys.map((k) => BigInt(k)) }))
  const type = t.blobVersionedHashes ? 3 : t.maxFeePerGas !== undefined ? 2 : t.accessLists ? 1 : 0
  if (!t.sender) throw new FixtureError('transaction has no sender field (recovering it from secretKey is not supported)')
  return {
    type,
    from: toAddress(t.sender),
    to: t.to === '' ? null : toAddress(t.to),
    nonce: big(t.nonce),
    gasLimit: big(t.gasLimit[indexes.gas]),
    value: big(t.value[indexes.value]),
    data: hexToBytes(t.data[indexes.data]),
    gasPrice: t.gasPrice === undefined ? undefined : big(t.gasPrice),
    maxFeePerGas: t.maxFeePerGas === undefined ? undefined : big(t.maxFeePerGas),
    maxPriorityFeePerGas: t.maxPriorityFeePerGas === undefined ? undefined : big(t.maxPriorityFeePerGas),
    accessList,
    maxFeePerBlobGas: t.maxFeePerBlobGas === undefined ? undefined : big(t.maxFeePerBlobGas),
    blobVersionedHashes: t.blobVersionedHashes?.map((h) => BigInt(h)),
  }
}

/** Every account of the pre-state, parsed. */
export function fixturePreState(pre: Record<string, FixtureAccount>): { address: Address; balance: bigint; nonce: bigint; code: Uint8Array; storage: Map<bigint, bigint> }[] {
  return Object.entries(pre).map(([address, a]) => ({
    address: toAddress(address),
    balance: big(a.balance),
    nonce: big(a.nonce),
    code: hexToBytes(a.code),
    storage: new Map(Object.entries(a.storage ?? {}).map(([k, v]) => [BigInt(k), BigInt(v)])),
  }))
}
