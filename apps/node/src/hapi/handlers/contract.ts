/**
 * SmartContractService transactions: create (from a file of hex text or
 * initcode) and execute, through executeHederaTransaction — or, for a ZVMC
 * container and the accounts holding one, through runtime-kalix (kalix.ts). A HAPI-created
 * contract gets a ledger account (its contract id) whose alias is its EVM
 * address. Gas is paid in HBAR at the fee schedule's price (fees.ts), not
 * through the EVM's gas price.
 */
import { proto } from '@hashgraph/proto'
import { executeHederaTransaction, responseCodeName, ResponseCode } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { isZvmc } from '@zvm/bytecode'
import { blockAt } from '../../evm.ts'
import { callKalixContract, createKalixContract, isKalixAccount, revertReason } from '../../kalix.ts'
import { hexToBytes } from '../bytes.ts'
import type { EvmOutcome, Handler, TxContext } from '../context.ts'
import { entityIdOf, num, toContractID } from '../ids.ts'
import { keyFromProto } from '../keys.ts'

const RC = proto.ResponseCodeEnum

/** The EVM address of a ContractID (by number or evm address); undefined when unknown. */
export function contractAddress(ctx: Pick<TxContext, 'ledger'>, id: proto.IContractID | null | undefined): Address | undefined {
  if (!id) return undefined
  if (id.evmAddress && id.evmAddress.length === 20) return `0x${Buffer.from(id.evmAddress).toString('hex')}` as Address
  const ref = entityIdOf(id as Record<string, unknown>, 'contractNum')
  return ref === undefined ? undefined : ctx.ledger.evmAddressOf(ref)
}

function run(ctx: TxContext, to: Address | null, data: Uint8Array, value: bigint, gas: bigint): { status: number; evm?: EvmOutcome } {
  const state = ctx.ledger.state
  const tx = { type: 2 as const, from: ctx.payerAddress, to, nonce: state.getNonce(ctx.payerAddress), gasLimit: gas, value, data, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }
  const r = executeHederaTransaction(ctx.ledger, tx, blockAt(ctx.blockNumber, ctx.consensus.seconds))
  if (!r.valid) return { status: r.responseCode }
  const contractId = to === null ? undefined : ctx.ledger.resolveId(to)
  const evm: EvmOutcome = {
    contractId, from: ctx.payerAddress, to, createdAddress: r.createdAddress, input: data, value, gasLimit: gas, gasUsed: r.gasUsed,
    output: r.output.slice(), logs: r.logs, success: r.responseCode === ResponseCode.SUCCESS,
    errorMessage: r.responseCode === ResponseCode.SUCCESS ? '' : r.status === 'revert' ? revertReason(r.output) : responseCodeName(r.responseCode),
  }
  return { status: r.responseCode, evm }
}

const createContract: Handler = (ctx) => {
  const b = ctx.body.contractCreateInstance!
  let initcode: Uint8Array
  if (b.fileID) {
    const id = entityIdOf(b.fileID as Record<string, unknown>, 'fileNum')
    const file = id === undefined ? undefined : ctx.files.get(id)
    if (!file || file.deleted) return { status: RC.INVALID_FILE_ID }
    if (file.contents.length === 0) return { status: RC.CONTRACT_FILE_EMPTY }
    // The file holds the bytecode as hex text (spec §8).
    const decoded = hexToBytes(Buffer.from(file.contents).toString('latin1').trim())
    if (!decoded) return { status: RC.ERROR_DECODING_BYTESTRING }
    initcode = decoded
  } else {
    initcode = b.initcode ?? new Uint8Array()
  }
  if (initcode.length === 0) return { status: RC.CONTRACT_BYTECODE_EMPTY }
  const params = b.constructorParameters ?? new Uint8Array()
  // A ZVMC container is a KALIX contract: runtime-kalix deploys it (kalix.ts).
  if (isZvmc(initcode)) return createKalixContract(ctx, blockAt(ctx.blockNumber, ctx.consensus.seconds), initcode, params, num(b.initialBalance), num(b.gas), keyFromProto(b.adminKey), b.memo ?? '')
  const data = new Uint8Array(initcode.length + params.length)
  data.set(initcode)
  data.set(params, initcode.length)
  const adminKey = keyFromProto(b.adminKey)
  const r = run(ctx, null, data, num(b.initialBalance), num(b.gas))
  if (!r.evm) return { status: r.status }
  if (!r.evm.success || r.evm.createdAddress === undefined) return { status: r.status, evm: r.evm }
  const account = ctx.ledger.createAccount({ alias: r.evm.createdAddress, ...(adminKey ? { key: adminKey } : {}), memo: b.memo ?? '' })
  if (account.code !== RC.SUCCESS) return { status: account.code, evm: r.evm }
  ctx.contracts.set(account.accountId!, { id: account.accountId!, address: r.evm.createdAddress, adminKey, memo: b.memo ?? '' })
  return { status: RC.SUCCESS, receipt: { contractID: toContractID(account.accountId!) }, evm: { ...r.evm, contractId: account.accountId } }
}

const callContract: Handler = (ctx) => {
  const b = ctx.body.contractCall!
  const to = contractAddress(ctx, b.contractID)
  if (to === undefined) return { status: RC.INVALID_CONTRACT_ID }
  const data = b.functionParameters ?? new Uint8Array()
  const r = isKalixAccount(ctx.ledger, to)
    ? callKalixContract(ctx, blockAt(ctx.blockNumber, ctx.consensus.seconds), to, data, num(b.amount), num(b.gas))
    : run(ctx, to, data, num(b.amount), num(b.gas))
  return { status: r.status, receipt: { contractID: b.contractID }, ...(r.evm ? { evm: r.evm } : {}) }
}

export const CONTRACT_HANDLERS: Record<string, Handler> = { contractCreateInstance: createContract, contractCall: callContract }
/** Handlers that run the EVM (atomic by themselves: no handler checkpoint around them). */
export const EVM_DATA_CASES = new Set(['contractCreateInstance', 'contractCall'])
