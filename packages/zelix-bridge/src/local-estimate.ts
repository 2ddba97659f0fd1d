/**
 * Gas estimates simulated in ZVM on this machine: the contract's runtime
 * code and storage come from the mirror REST (`/api/v1/contracts/{id}` and
 * `/api/v1/contracts/{id}/state`, paged by `links.next`) into an in-memory
 * state; an EVM contract runs on @zvm/chain-evm (Cancun, the Hedera system
 * contracts from @zvm/chain-hedera over an empty ledger), a KALIX contract
 * (its code is a ZVMC container) on @zvm/runtime-kalix. The estimate is the
 * smallest gas limit with which the call succeeds, found as `zvm node`'s
 * mirror finds it: a run at Hedera's 15M cap, then its gas used, then
 * bisection.
 *
 * What it cannot see: other accounts' code and storage, and the HTS/HCS
 * ledger (the mirror REST serves no such state), so a call that reads them
 * — an HTS precompile or a KALIX Hedera syscall — fails locally (for a KALIX
 * syscall: SyscallUnavailable) and the caller asks the mirror instead.
 */
import { executeMessage, Fork, preExecution, validateTransaction, type EvmBlock } from '@zvm/chain-evm'
import { createHederaPrecompiles, haltResponseCode, HEDERA_MAX_GAS_PER_TRANSACTION, HederaLedger, ResponseCode } from '@zvm/chain-hedera'
import { isZvmc } from '@zvm/bytecode'
import { Halt } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { executeKalixCall, loadKalixContract } from '@zvm/runtime-kalix'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { hexToBytes, isHex, type Hex } from 'viem'
import { ZelixError } from './errors.ts'

/** A contract as the mirror serves it. */
export interface MirrorContract {
  readonly address: Address
  readonly code: Uint8Array
  readonly storage: ReadonlyMap<bigint, bigint>
}

/** One simulated run. */
interface Run { readonly ok: boolean; readonly status: number; readonly gasUsed: bigint; readonly output: Uint8Array }

/** What to simulate. */
export interface LocalCall { readonly from: Address; readonly data: Uint8Array; readonly value: bigint }

/** Pages of a mirror list are followed at most this far (100 slots each). */
const MAX_PAGES = 1000

async function getJson(url: string, what: string): Promise<Record<string, unknown>> {
  let res: Response
  try { res = await fetch(url) } catch (cause) {
    throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node ${new URL(url).origin} is not reachable`, { cause })
  }
  const text = await res.text()
  let json: unknown
  try { json = JSON.parse(text) } catch (cause) {
    throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node answered ${res.status} with no JSON for ${new URL(url).pathname}`, { cause })
  }
  if (!res.ok || typeof json !== 'object' || json === null) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node answered ${res.status} for ${new URL(url).pathname}`)
  return json as Record<string, unknown>
}

const hexWord = (v: unknown): bigint | undefined => (typeof v === 'string' && isHex(v) && v.length <= 66 ? (v === '0x' ? 0n : BigInt(v)) : undefined)

/**
 * The contract's runtime code and storage from the mirror REST. A malformed
 * answer is a ZelixError (ZELIX_MIRROR_UNAVAILABLE) naming the field.
 */
export async function fetchMirrorContract(mirrorUrl: string, contract: string, what: string): Promise<MirrorContract> {
  const base = mirrorUrl.replace(/\/+$/, '')
  const info = await getJson(`${base}/api/v1/contracts/${encodeURIComponent(contract)}`, what)
  const code = info.runtime_bytecode
  const address = info.evm_address
  if (typeof code !== 'string' || !isHex(code)) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: the mirror's runtime_bytecode for ${contract} is not hex`)
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: the mirror's evm_address for ${contract} is not an address`)
  const storage = new Map<bigint, bigint>()
  let next: string | null = `/api/v1/contracts/${encodeURIComponent(contract)}/state?limit=100`
  for (let page = 0; next !== null; page++) {
    if (page === MAX_PAGES) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: ${contract}'s state runs past ${MAX_PAGES} pages`)
    const body: Record<string, unknown> = await getJson(`${base}${next}`, what)
    const slots = body.state
    if (!Array.isArray(slots)) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: the mirror's contract state for ${contract} has no state list`)
    for (const s of slots as Array<{ slot?: unknown; value?: unknown }>) {
      const slot = hexWord(s?.slot), value = hexWord(s?.value)
      if (slot === undefined || value === undefined) throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: a slot of ${contract}'s state is not 32-byte hex`)
      storage.set(slot, value)
    }
    const link = (body.links as { next?: unknown } | undefined)?.next
    next = typeof link === 'string' && link.startsWith('/api/v1/') ? link : null
  }
  return { address: address.toLowerCase() as Address, code: hexToBytes(code as Hex), storage }
}

/** A fresh state holding only the contract, and the sender with the value it sends (each run starts from it). */
function stateOf(contract: MirrorContract, call: LocalCall): JournaledState {
  const db = new MemoryDatabase()
  db.setAccount(contract.address, { nonce: 1n, code: contract.code, storage: new Map(contract.storage) })
  if (call.value > 0n && call.from !== contract.address) db.setAccount(call.from, { balance: call.value })
  return new JournaledState(db)
}

const BLOCK: EvmBlock = {
  number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000062', gasLimit: HEDERA_MAX_GAS_PER_TRANSACTION,
  baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: 298n, excessBlobGas: 0n,
}

/** The EVM run, as `zvm node`'s mirror simulates it (sender funded for the value, gas price 0). */
function runEvm(contract: MirrorContract, call: LocalCall, gas: bigint): Run {
  const state = stateOf(contract, call)
  const precompiles = createHederaPrecompiles(new HederaLedger(state))
  const tx = { type: 2 as const, from: call.from, to: contract.address, nonce: 0n, gasLimit: gas, value: call.value, data: call.data, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }
  state.beginTransaction(precompiles)
  const checked = validateTransaction(state, tx, BLOCK, Fork.Cancun)
  if (!checked.valid) return { ok: false, status: checked.error === 'INTRINSIC_GAS_TOO_LOW' ? ResponseCode.INSUFFICIENT_GAS : ResponseCode.INVALID_TRANSACTION, gasUsed: 0n, output: new Uint8Array(0) }
  const prepared = preExecution(state, tx, BLOCK, checked)
  const r = executeMessage(state, tx, BLOCK, checked, prepared, { fork: Fork.Cancun, precompiles })
  const ok = r.halt >= Halt.Stop && r.halt < Halt.Revert
  let gasUsed = gas - BigInt(r.gasLeft) - prepared.gasSetAside
  let refund = ok ? BigInt(r.refund) : 0n
  if (refund > gasUsed / 5n) refund = gasUsed / 5n
  gasUsed -= refund < 0n ? 0n : refund
  return { ok, status: haltResponseCode(r.halt), gasUsed, output: r.output.slice() }
}

/** The KALIX run (no syscall host: the ledger is not on the mirror). */
function kalixRunner(contract: MirrorContract): (call: LocalCall, gas: bigint) => Run {
  const code = loadKalixContract(contract.code).code
  return (call, gas) => {
    const state = stateOf(contract, call)
    state.beginTransaction()
    const r = executeKalixCall({ state, block: { number: BLOCK.number, timestamp: BLOCK.timestamp, chainId: BLOCK.chainId } }, code, {
      caller: call.from, address: contract.address, data: call.data, value: call.value, gasLimit: Number(gas),
    })
    return { ok: r.status === 'success', status: haltResponseCode(r.halt), gasUsed: BigInt(r.gasUsed), output: r.returnData }
  }
}

/** The failure of a local run, as the mirror would word it. */
export interface LocalFailure { readonly status: number; readonly output: Uint8Array }

/**
 * The smallest gas limit with which `call` succeeds on `contract`, simulated
 * locally; or the failure at Hedera's cap.
 *
 * @example
 * ```ts
 * // const contract = await fetchMirrorContract('http://127.0.0.1:5551', '0.0.1001', 'estimate')
 * // estimateLocally(contract, { from, data, value: 0n }) // { gas: 26_000n }
 * ```
 */
export function estimateLocally(contract: MirrorContract, call: LocalCall): { gas: bigint } | { failure: LocalFailure } {
  const run = isZvmc(contract.code) ? kalixRunner(contract) : (c: LocalCall, gas: bigint) => runEvm(contract, c, gas)
  const top = run(call, HEDERA_MAX_GAS_PER_TRANSACTION)
  if (!top.ok) return { failure: { status: top.status, output: top.output } }
  // Gas used after refunds (and the 63/64 rule) can be below what the call needs to run: search upward from it.
  if (run(call, top.gasUsed).ok) return { gas: top.gasUsed }
  let low = top.gasUsed, high = HEDERA_MAX_GAS_PER_TRANSACTION
  while (high - low > 1n) {
    const mid = (low + high) / 2n
    if (run(call, mid).ok) high = mid
    else low = mid
  }
  return { gas: high }
}
