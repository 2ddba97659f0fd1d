/**
 * KALIX (ZVMC) contracts on the node, through @zvm/runtime-kalix over the
 * node's state, with Hedera syscalls (HTS, HCS) answered by
 * @zvm/chain-hedera's syscall host bound to the node's ledger.
 *
 * - ContractCreate whose bytecode (file or initcode) is a ZVMC container: the
 *   container must carry its KALIX ABI; `constructorParameters` is the
 *   constructor's argument tuple (Solidity-ABI tuple encoding under KALIX
 *   types, no selector — the node prefixes the ABI's constructor selector),
 *   as EVM constructor arguments follow initcode. The contract's account is
 *   made first (so its constructor can associate tokens as itself) at the
 *   CREATE address of the payer and its nonce, and undone if it fails; the
 *   container is stored as its code, so later loads keep the ABI.
 * - A call to an account whose code is a ZVMC container runs its code
 *   section; calldata is selector ‖ argument tuple, as KALIX encodes it.
 *
 * Gas: the native execution's, plus 200 per container byte at creation; no
 * intrinsic charge (runtime-kalix's model). Payer nonces advance as for EVM.
 */
import { isZvmc } from '@zvm/bytecode'
import { createHederaSyscalls, haltResponseCode, HEDERA_MAX_GAS_PER_TRANSACTION, ResponseCode, responseCodeName, type HederaLedger, type LedgerKey } from '@zvm/chain-hedera'
import type { EvmBlock } from '@zvm/chain-evm'
import type { BlockEnv, Host } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { executeKalixCall, executeKalixCreate, loadKalixContract, type KalixContract, type KalixEnvironment, type KalixExecution } from '@zvm/runtime-kalix'
import { createAddress } from '@zvm/state'
import type { EvmOutcome, Outcome, TxContext } from './hapi/context.ts'
import { toContractID } from './hapi/ids.ts'
import type { CallInput, SimulatedCall } from './evm.ts'

/**
 * Whether the account at `address` holds a KALIX contract: code that starts
 * with the ZVMC magic and loads as a KALIX container. (EVM code may begin
 * with the same four bytes — GAS JUMP MSIZE NUMBER — and stays EVM.)
 */
export function isKalixAccount(ledger: HederaLedger, address: Address | null): address is Address {
  return address !== null && isZvmc(ledger.state.getCode(address)) && contractAt(ledger, address) !== null
}

function environment(ledger: HederaLedger, block: EvmBlock): KalixEnvironment {
  const host: Host = { blockHash: () => 0n, syscall: createHederaSyscalls(ledger) }
  const env: Partial<BlockEnv> = { number: block.number, timestamp: block.timestamp, coinbase: block.coinbase, gasLimit: block.gasLimit, chainId: block.chainId, baseFee: 0n }
  return { state: ledger.state, host, block: env }
}

/** Loaded containers (null: does not load) by code hash — content-addressed, so every network in the process may share them; bounded. */
const loaded = new Map<string, KalixContract | null>()
const MAX_LOADED = 256

/** The contract at `address`, or null when its code is not a loadable KALIX container. */
function contractAt(ledger: HederaLedger, address: Address): KalixContract | null {
  const hash = ledger.state.getCodeHash(address)
  let c = loaded.get(hash)
  if (c === undefined) {
    if (loaded.size >= MAX_LOADED) loaded.clear()
    try { c = loadKalixContract(ledger.state.getCode(address)) } catch { c = null }
    loaded.set(hash, c)
  }
  return c
}

/** Error(string)'s reason, else the revert data as hex (what the record's errorMessage shows, as for EVM). */
export function revertReason(output: Uint8Array): string {
  if (output.length >= 68 && Buffer.from(output.subarray(0, 4)).toString('hex') === '08c379a0') {
    const len = Number(BigInt(`0x${Buffer.from(output.subarray(36, 68)).toString('hex')}`))
    return Buffer.from(output.subarray(68, 68 + len)).toString('utf8')
  }
  return output.length > 0 ? `0x${Buffer.from(output).toString('hex')}` : ''
}

function outcomeOf(r: KalixExecution, base: Omit<EvmOutcome, 'gasUsed' | 'output' | 'logs' | 'success' | 'errorMessage'>): { status: number; evm: EvmOutcome } {
  const status = haltResponseCode(r.halt)
  const success = status === ResponseCode.SUCCESS
  return {
    status,
    evm: { ...base, gasUsed: BigInt(r.gasUsed), output: r.returnData, logs: r.logs, success, errorMessage: success ? '' : r.status === 'revert' ? revertReason(r.returnData) : responseCodeName(status) },
  }
}

/** Checks shared by create and call: Hedera's gas cap, and the payer can send the value. */
function precheck(ledger: HederaLedger, from: Address, value: bigint, gas: bigint): number | undefined {
  if (gas > HEDERA_MAX_GAS_PER_TRANSACTION) return ResponseCode.MAX_GAS_LIMIT_EXCEEDED
  if (value > ledger.state.getBalance(from)) return ResponseCode.INSUFFICIENT_PAYER_BALANCE
  return undefined
}

/** ContractCreate of a ZVMC container (module header). */
export function createKalixContract(
  ctx: TxContext, block: EvmBlock, container: Uint8Array, constructorArgs: Uint8Array, value: bigint, gas: bigint, adminKey: LedgerKey | undefined, memo: string,
): Outcome {
  let contract: KalixContract
  try { contract = loadKalixContract(container) } catch { return { status: ResponseCode.ERROR_DECODING_BYTESTRING } }
  const { ledger, payerAddress: from } = ctx
  const refused = precheck(ledger, from, value, gas)
  if (refused !== undefined) return { status: refused }
  const state = ledger.state
  state.beginTransaction()
  const address = createAddress(from, state.getNonce(from))
  state.incrementNonce(from)
  const cp = state.checkpoint()
  const base = { contractId: undefined, from, to: null, createdAddress: undefined, input: constructorArgs, value, gasLimit: gas }
  const account = state.getCode(address).length > 0 || state.hasStorage(address) ? undefined : ledger.createAccount({ alias: address, ...(adminKey ? { key: adminKey } : {}), memo })
  if (account?.code !== ResponseCode.SUCCESS) {
    state.revert(cp)
    state.finalizeTransaction()
    return { status: account?.code ?? ResponseCode.CONTRACT_EXECUTION_EXCEPTION }
  }
  const r = executeKalixCreate(environment(ledger, block), contract, { caller: from, address, constructorArgs, value, gasLimit: Number(gas) })
  const out = outcomeOf(r, base)
  if (r.status !== 'success') {
    state.revert(cp)
    state.finalizeTransaction()
    return out
  }
  state.commit(cp)
  state.finalizeTransaction()
  const id = account.accountId!
  ctx.contracts.set(id, { id, address, adminKey, memo })
  return { status: ResponseCode.SUCCESS, receipt: { contractID: toContractID(id) }, evm: { ...out.evm, contractId: id, createdAddress: address } }
}

/** ContractExecuteTransaction to a KALIX contract (`isKalixAccount(to)` holds). */
export function callKalixContract(ctx: TxContext, block: EvmBlock, to: Address, data: Uint8Array, value: bigint, gas: bigint): { status: number; evm?: EvmOutcome } {
  const { ledger, payerAddress: from } = ctx
  const refused = precheck(ledger, from, value, gas)
  if (refused !== undefined) return { status: refused }
  const state = ledger.state
  state.beginTransaction()
  state.incrementNonce(from)
  const cp = state.checkpoint()
  const r = executeKalixCall(environment(ledger, block), contractAt(ledger, to)!.code, { caller: from, address: to, data, value, gasLimit: Number(gas) })
  if (r.status === 'success') state.commit(cp)
  else state.revert(cp)
  state.finalizeTransaction()
  return outcomeOf(r, { contractId: ledger.resolveId(to), from, to, createdAddress: undefined, input: data, value, gasLimit: gas })
}

/** A call that changes nothing (ContractCallLocal, the mirror's contracts/call, eth_call) to a KALIX contract (`isKalixAccount(to)` holds). */
export function simulateKalixCall(ledger: HederaLedger, call: CallInput & { to: Address }, block: EvmBlock): SimulatedCall {
  const refused = precheck(ledger, call.from, call.value, call.gas)
  if (refused !== undefined) return { responseCode: refused, status: 'invalid', output: new Uint8Array(), gasUsed: 0n }
  const state = ledger.state
  state.beginTransaction()
  const cp = state.checkpoint()
  try {
    const r = executeKalixCall(environment(ledger, block), contractAt(ledger, call.to)!.code, { caller: call.from, address: call.to, data: call.data, value: call.value, gasLimit: Number(call.gas) })
    return { responseCode: haltResponseCode(r.halt), status: r.status, output: r.returnData, gasUsed: BigInt(r.gasUsed) }
  } finally {
    state.revert(cp)
    state.finalizeTransaction()
  }
}
