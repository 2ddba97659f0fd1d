/**
 * TokenTreasury on a fresh ZVM Hedera world: funded ECDSA accounts in a
 * `HederaLedger`, every step an EVM transaction run by
 * `executeHederaTransaction` — as a user would send it through the JSON-RPC
 * relay — and its result decoded with viem.
 */
import type { EvmBlock } from '@zvm/chain-evm'
import {
  executeHederaTransaction, FEE_COLLECTOR_ADDRESS, HederaLedger, HTS_ADDRESS, HTS_CREATE_GAS, HTS_PRICES, htsGasForPrice, ResponseCode,
  type HederaIncludedTransaction,
} from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import {
  bytesToHex, decodeErrorResult, decodeEventLog, decodeFunctionResult, encodeFunctionData, erc20Abi, hexToBytes, numberToHex, parseAbi,
  type Abi, type Hex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { compileTokenTreasury } from './compile.ts'

/** One HBAR in tinybar. */
export const HBAR = 100_000_000n
/** What the operator sends with createToken(): more than the $1 create fee, the change comes back. */
export const CREATE_VALUE = 10n * HBAR
/** Gas limit of every transaction (Hedera's cap is 15M; unused gas is refunded since HIP-1249). */
export const GAS_LIMIT = 1_000_000n

/** The HTS functions a user calls on 0x167 directly from their account (Hedera's IHederaTokenService signatures). */
export const HTS_DIRECT_ABI = parseAbi([
  'function associateToken(address account, address token) returns (int64 responseCode)',
])

/** A local Hedera network's block (chain id 298), no fees. */
export const BLOCK: EvmBlock = {
  number: 1n, timestamp: 1_750_000_000n, coinbase: '0x0000000000000000000000000000000000000062', gasLimit: 15_000_000n,
  baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: 298n, excessBlobGas: 0n,
}

/** Fixed demo keys (never use them for anything real). */
const KEYS = {
  operator: `0x${'0a'.repeat(32)}`,
  alice: `0x${'a1'.repeat(32)}`,
  bob: `0x${'b0'.repeat(32)}`,
} as const satisfies Record<string, Hex>

export type Name = keyof typeof KEYS

export interface DecodedEvent {
  /** The emitting address: the contract, or the token for the facade's Transfer. */
  address: Address
  eventName: string
  args: Record<string, unknown>
}

export interface StepResult {
  title: string
  from: Address
  to: Address | null
  data: Hex
  value: bigint
  result: HederaIncludedTransaction
  /** The decoded return value of a successful call. */
  returned?: unknown
  /** The decoded revert: the contract's `HtsCallFailed(rc)` or the facade's `Error("<code name>")`. */
  revert?: { errorName: string; args: readonly unknown[] }
  /** The HTS response code the step surfaced (returned, or carried by the revert); undefined when it made no HTS call. */
  htsCode?: number
  /** USD price in tinycents of the step's HTS call (spec §5), when it makes one priced by the formula. */
  htsPrice?: number
  /** Gas the step's HTS call is charged: the formula at `htsPrice`, or the create's fixed HTS_CREATE_GAS. */
  htsGas?: number
  events: DecodedEvent[]
  /** Token balances and total supply after the step (undefined before the token exists). */
  balances?: { treasury: bigint; alice: bigint; bob: bigint; totalSupply: bigint }
}

/** A fresh Hedera world: a ledger over a journaled state, three funded ECDSA accounts, and helpers to send transactions. */
export function hederaWorld() {
  const state = new JournaledState()
  const ledger = new HederaLedger(state)
  const accounts = {} as Record<Name, { id: string; address: Address }>
  for (const [name, key] of Object.entries(KEYS) as [Name, Hex][]) {
    const { publicKey } = privateKeyToAccount(key)
    const r = ledger.createAccount({ ecdsaPublicKey: hexToBytes(publicKey), initialBalance: (name === 'operator' ? 1000n : 100n) * HBAR })
    if (r.code !== ResponseCode.SUCCESS) throw new Error(`account ${name}: response code ${r.code}`)
    accounts[name] = { id: r.accountId!, address: r.address! }
  }

  /** Sends one transaction from `from`; throws if it fails precheck (it then has no record). */
  function send(from: Address, to: Address | null, data: Hex, value = 0n, gasLimit = GAS_LIMIT): HederaIncludedTransaction {
    const r = executeHederaTransaction(ledger, {
      type: 2, from, to, nonce: state.getNonce(from), gasLimit, value, data: hexToBytes(data), maxFeePerGas: 0n, maxPriorityFeePerGas: 0n,
    }, BLOCK)
    if (!r.valid) throw new Error(`precheck failed: ${r.responseCode} ${r.message}`)
    return r
  }
  return { state, ledger, accounts, send }
}

export type HederaWorld = ReturnType<typeof hederaWorld>

/** Intrinsic gas of a transaction's calldata (spec §5): 21000 + 4 per zero byte + 16 per other byte. */
export function intrinsicGas(data: Hex): bigint {
  return hexToBytes(data).reduce((gas, b) => gas + (b === 0 ? 4n : 16n), 21_000n)
}

/** The events of `logs` that `abi` describes, decoded (others are skipped). */
export function decodeEvents(abi: Abi, logs: HederaIncludedTransaction['logs']): DecodedEvent[] {
  const out: DecodedEvent[] = []
  for (const log of logs) {
    try {
      const topics = log.topics.map((t) => numberToHex(t, { size: 32 })) as [Hex, ...Hex[]]
      const e = decodeEventLog({ abi, topics, data: bytesToHex(log.data) })
      out.push({ address: log.address, eventName: e.eventName ?? '', args: (e.args ?? {}) as Record<string, unknown> })
    } catch {
      // Not an event of this ABI.
    }
  }
  return out
}

/** The HTS code a revert carries: `HtsCallFailed(int64)`'s argument, or the response code named by `Error(string)`. */
function codeOfRevert(revert: { errorName: string; args: readonly unknown[] }): number | undefined {
  if (revert.errorName === 'HtsCallFailed') return Number(revert.args[0] as bigint)
  if (revert.errorName === 'Error') return (ResponseCode as Record<string, number>)[revert.args[0] as string]
  return undefined
}

/**
 * Runs the whole walkthrough on a fresh world: deploy, create the token
 * (paying the $1 fee in msg.value), a refused association by the contract,
 * Alice associating herself, mint, transfers via HTS and via the ERC-20
 * facade (from the contract and from Alice's wallet), and the two failing
 * transfers to Bob, who never associated.
 */
export function runWalkthrough() {
  const { abi, bytecode } = compileTokenTreasury()
  const world = hederaWorld()
  const { ledger, accounts, send } = world
  const { operator, alice, bob } = accounts
  const eventAbi: Abi = [...abi, ...erc20Abi.filter((item) => item.type === 'event')]
  let contract: Address | undefined
  let token: Address | undefined

  const balances = () => token === undefined || contract === undefined
    ? undefined
    : {
      treasury: ledger.balanceOf(token, contract), alice: ledger.balanceOf(token, alice.address), bob: ledger.balanceOf(token, bob.address),
      totalSupply: ledger.getToken(token)!.totalSupply,
    }

  function step(title: string, from: Address, to: Address | null, callAbi: Abi, functionName: string | undefined, args: readonly unknown[], o: { value?: bigint; htsPrice?: number } = {}): StepResult {
    const data = functionName === undefined ? bytecode : encodeFunctionData({ abi: callAbi, functionName, args })
    const value = o.value ?? 0n
    const result = send(from, to, data, value)
    const htsGas = o.htsPrice === undefined ? undefined : htsGasForPrice(o.htsPrice)
    const out: StepResult = { title, from, to, data, value, result, events: decodeEvents(eventAbi, result.logs), htsPrice: o.htsPrice, htsGas }
    const output = bytesToHex(result.output)
    if (result.status === 'success' && functionName !== undefined && result.output.length > 0) {
      out.returned = decodeFunctionResult({ abi: callAbi, functionName, data: output })
    } else if (result.status === 'revert' && result.output.length >= 4) {
      const e = decodeErrorResult({ abi: callAbi, data: output })
      out.revert = { errorName: e.errorName, args: e.args ?? [] }
      out.htsCode = codeOfRevert(out.revert)
    }
    out.balances = balances()
    return out
  }
  const onContract = (title: string, from: Address, fn: string, args: readonly unknown[], o: { value?: bigint; htsPrice?: number } = {}) => {
    const s = step(title, from, contract!, abi, fn, args, o)
    // A successful call passed the contract's require(rc == SUCCESS).
    if (s.result.status === 'success' && o.htsPrice !== undefined) s.htsCode = ResponseCode.SUCCESS
    return s
  }

  const deploy = step('operator deploys TokenTreasury', operator.address, null, abi, undefined, [])
  contract = deploy.result.createdAddress!

  // HBAR (tinybar) is the EVM balance of each address; 0.0.98 collects the create fee.
  const hbar = (a: Address) => world.state.getBalance(a)
  const hbarBefore = { operator: hbar(operator.address), feeCollector: hbar(FEE_COLLECTOR_ADDRESS), contract: hbar(contract) }
  const create = onContract('operator calls createToken() paying 10 HBAR', operator.address, 'createToken', [], { value: CREATE_VALUE })
  if (create.result.status === 'success') create.htsCode = ResponseCode.SUCCESS
  create.htsGas = HTS_CREATE_GAS // docs/hedera.md: a create's gas is fixed; its $1 price is paid by msg.value
  token = (create.returned as Address).toLowerCase() as Address
  create.balances = balances()
  const hbarAfter = { operator: hbar(operator.address), feeCollector: hbar(FEE_COLLECTOR_ADDRESS), contract: hbar(contract) }

  const associateViaContract = onContract('Bob asks the contract to associate him', bob.address, 'associate', [bob.address], { htsPrice: HTS_PRICES.approveOrAssociate })
  const associateAlice = step('Alice associates herself on 0x167', alice.address, HTS_ADDRESS, HTS_DIRECT_ABI, 'associateToken', [alice.address, token], { htsPrice: HTS_PRICES.approveOrAssociate })
  associateAlice.htsCode = Number(associateAlice.returned as bigint)
  const mint = onContract('operator mints 5,000.00', operator.address, 'mint', [500_000n], { htsPrice: HTS_PRICES.classic })
  const sendHts = onContract('operator sends 1,000.00 to Alice via HTS transferToken', operator.address, 'sendViaHts', [alice.address, 100_000n], { htsPrice: HTS_PRICES.classic })
  const sendErc20 = onContract('operator sends 500.00 to Alice via the ERC-20 facade', operator.address, 'sendViaErc20', [alice.address, 50_000n], { htsPrice: HTS_PRICES.classic })
  const aliceErc20 = step('Alice sends 25.00 back to the treasury with token.transfer() from her wallet', alice.address, token, erc20Abi, 'transfer', [contract, 2_500n], { htsPrice: HTS_PRICES.classic })
  if (aliceErc20.result.status === 'success') aliceErc20.htsCode = ResponseCode.SUCCESS
  const failHts = onContract('operator sends 0.01 to Bob (not associated) via HTS', operator.address, 'sendViaHts', [bob.address, 1n], { htsPrice: HTS_PRICES.classic })
  const failErc20 = onContract('operator sends 0.01 to Bob (not associated) via the ERC-20 facade', operator.address, 'sendViaErc20', [bob.address, 1n], { htsPrice: HTS_PRICES.classic })
  const totalSupply = step('Alice reads totalSupply() at the token address', alice.address, token, erc20Abi, 'totalSupply', [], { htsPrice: HTS_PRICES.view })

  return {
    world, abi, contract, token, hbarBefore, hbarAfter,
    steps: { deploy, create, associateViaContract, associateAlice, mint, sendHts, sendErc20, aliceErc20, failHts, failErc20, totalSupply },
  }
}

export type Walkthrough = ReturnType<typeof runWalkthrough>
