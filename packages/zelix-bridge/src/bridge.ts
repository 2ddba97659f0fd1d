/**
 * The bridge: one `Client` of the real @hashgraph/sdk per bridge, and four
 * operations on contracts described by their Solidity ABI (viem's `Abi`):
 *
 * - `deploy`: ContractCreateFlow (the bytecode goes through the file
 *   service — FileCreate, FileAppend — then ContractCreate), the record's
 *   receipt, gas and constructor events.
 * - `call`: ContractExecuteTransaction and its record; the result and the
 *   logs decoded by the ABI.
 * - `query`: ContractCallQuery (a local call on one consensus node). It is
 *   read-only by construction: the function's ABI mutability is checked
 *   before anything is sent, and only `view` and `pure` functions go out;
 *   any other fails with LOCAL_CALL_MODIFICATION_EXCEPTION. (A `view`
 *   function cannot write: solc rejects SSTORE, LOG, CREATE and value calls
 *   in one, and the consensus node runs the local call statically.)
 * - `estimateGas`: the mirror node's `/api/v1/contracts/call` with
 *   `estimate: true`.
 *
 * KALIX contracts (ZVMC containers) are refused with ZELIX_KALIX_UNSUPPORTED
 * on every network: Hedera's consensus nodes run EVM bytecode only, and
 * `zvm node` runs its contracts on the Hedera EVM too (see the README).
 */
import {
  AccountId, Client, ContractCallQuery, ContractCreateFlow, ContractExecuteTransaction, ContractId, Hbar, PrecheckStatusError, PrivateKey,
  ReceiptStatusError, StatusError, type ContractFunctionResult, type TransactionRecord, type TransactionResponse,
} from '@hashgraph/sdk'
import { isZvmc } from '@zvm/bytecode'
import { loadKalixContract } from '@zvm/runtime-kalix'
import {
  bytesToHex, decodeErrorResult, decodeEventLog, decodeFunctionResult, encodeDeployData, encodeFunctionData, hexToBytes, isHex,
  type Abi, type AbiFunction, type ContractConstructorArgs, type ContractFunctionArgs, type ContractFunctionName, type ContractFunctionReturnType, type Hex,
} from 'viem'
import { LOCAL_CALL_MODIFICATION_EXCEPTION, ZelixError } from './errors.ts'
import { mirrorContractCall } from './mirror.ts'
import { LOCAL_NODES, LOCAL_OPERATOR_ID, LOCAL_OPERATOR_KEY, MIRROR_URLS, type HederaNetworkName } from './networks.ts'

/** Options of `createBridge`. */
export interface BridgeOptions {
  network: HederaNetworkName
  /** The paying account (`0.0.1234`); defaults to env `HEDERA_OPERATOR_ID`, then (local only) 0.0.2. */
  operatorId?: string
  /** Its key: a `PrivateKey`, a DER string, or raw hex; defaults to env `HEDERA_OPERATOR_KEY`, then (local only) the well-known key. */
  operatorKey?: string | PrivateKey
  /** How a raw hex key is read (`ed25519` unless said; DER strings say it themselves). */
  operatorKeyType?: 'ed25519' | 'ecdsa'
  /** Mirror REST base without `/api/v1`; defaults to the network's (`http://127.0.0.1:5551` for local). */
  mirrorUrl?: string
  /** Consensus nodes (`host:port` → node account), for a local network on other ports; defaults to the network's. */
  nodes?: Record<string, string>
}

/** Solidity function mutabilities. */
type Writing = 'nonpayable' | 'payable'
type Reading = 'view' | 'pure'

/** A deployed contract: its ids and the ABI that types calls to it. */
export interface DeployedContract<abi extends Abi = Abi> {
  /** `0.0.1234`. */
  contractId: string
  /** The contract's EVM address (its alias when the network gave one, else the long-zero form of its id). */
  address: Hex
  abi: abi
}

/** An event log decoded by the contract's ABI; `eventName` is undefined for a log the ABI does not describe. */
export interface DecodedEvent {
  /** The emitting contract, `0.0.1234`. */
  contractId: string
  eventName: string | undefined
  /** The fields by name (by position, `'0'`, `'1'`, …, for unnamed ones); empty for a log the ABI does not describe. */
  args: Readonly<Record<string, unknown>>
  topics: readonly Hex[]
  data: Hex
}

/** What a sent transaction gave back. */
export interface TransactionOutcome {
  /** `0.0.2@1700000000.000000000`. */
  transactionId: string
  /** SUCCESS. */
  status: string
  gasUsed: bigint
  /** Tinybar. */
  fee: bigint
  events: DecodedEvent[]
}

export interface DeployOutcome<abi extends Abi> extends TransactionOutcome {
  contract: DeployedContract<abi>
}

export interface CallOutcome<result> extends TransactionOutcome {
  /** The function's outputs decoded by the ABI: one value, an array for several, undefined for none. */
  result: result
}

export interface DeployRequest<abi extends Abi> {
  abi: abi
  /** Creation code (hex with or without 0x, or bytes). A ZVMC container is refused (ZELIX_KALIX_UNSUPPORTED). */
  bytecode: Hex | string | Uint8Array
  args?: ContractConstructorArgs<abi>
  /** Gas limit (default 2,000,000). */
  gas?: number
  /** Tinybar given to the contract. */
  initialBalance?: bigint
  memo?: string
}

export interface CallOptions {
  /** Gas limit (default 1,000,000 for calls, 100,000 for queries). */
  gas?: number
  /** Tinybar sent with a payable call. */
  value?: bigint
}

export interface EstimateOptions {
  /** Tinybar sent with the call. */
  value?: bigint
  /** The simulated sender; defaults to the operator's long-zero address. */
  from?: Hex
}

/** The bridge `createBridge` returns. */
export interface Bridge {
  readonly network: HederaNetworkName
  readonly operatorId: string
  readonly mirrorUrl: string
  /** The SDK client (for anything the bridge does not wrap). */
  readonly client: Client
  deploy<const abi extends Abi>(request: DeployRequest<abi>): Promise<DeployOutcome<abi>>
  call<const abi extends Abi, fn extends ContractFunctionName<abi, Writing>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Writing, fn>, options?: CallOptions,
  ): Promise<CallOutcome<ContractFunctionReturnType<abi, Writing, fn>>>
  query<const abi extends Abi, fn extends ContractFunctionName<abi, Reading>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Reading, fn>, options?: Omit<CallOptions, 'value'>,
  ): Promise<ContractFunctionReturnType<abi, Reading, fn>>
  estimateGas<const abi extends Abi, fn extends ContractFunctionName<abi>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Writing | Reading, fn>, options?: EstimateOptions,
  ): Promise<bigint>
  /** A contract already on the network, typed by its ABI. */
  at<const abi extends Abi>(contractId: string, abi: abi, address?: Hex): DeployedContract<abi>
  close(): void
}

const env = (name: string): string | undefined => (typeof process === 'undefined' ? undefined : process.env[name]) || undefined

function parseKey(key: string | PrivateKey, type: 'ed25519' | 'ecdsa' | undefined): PrivateKey {
  if (key instanceof PrivateKey) return key
  const raw = key.replace(/^0x/, '')
  try {
    if (/^[0-9a-fA-F]{64}$/.test(raw)) return type === 'ecdsa' ? PrivateKey.fromStringECDSA(raw) : PrivateKey.fromStringED25519(raw)
    return PrivateKey.fromStringDer(raw)
  } catch (cause) {
    throw new ZelixError('ZELIX_BAD_OPTIONS', `operator key: not an ED25519/ECDSA private key (raw hex or DER)`, { cause })
  }
}

function findFunction(abi: Abi, name: string, what: string): AbiFunction {
  const fns = abi.filter((x): x is AbiFunction => x.type === 'function' && x.name === name)
  if (fns.length === 0) throw new ZelixError('ZELIX_UNKNOWN_FUNCTION', `${what}: the ABI has no function ${JSON.stringify(name)}`)
  return fns[0]
}

function hexOf(bytes: Uint8Array): Hex {
  return bytesToHex(bytes)
}

function decodeEvents(abi: Abi, result: ContractFunctionResult | null): DecodedEvent[] {
  if (!result) return []
  return result.logs.map((log) => {
    const topics = log.topics.map(hexOf)
    const data = hexOf(log.data)
    const base = { contractId: log.contractId?.toString() ?? '', topics, data }
    try {
      const e = decodeEventLog({ abi, topics: topics as [Hex, ...Hex[]], data })
      const args: unknown = e.args
      return { ...base, eventName: e.eventName, args: Array.isArray(args) ? { ...args } : (args ?? {}) as Readonly<Record<string, unknown>> }
    } catch {
      return { ...base, eventName: undefined, args: {} }
    }
  })
}

/** The revert reason in `data` by the ABI (Error(string), Panic, custom errors), else the network's message. */
function revertReason(abi: Abi, data: Hex | undefined, message: string | null | undefined): string | undefined {
  if (data && data.length > 2) {
    try {
      const e = decodeErrorResult({ abi, data })
      const args: readonly unknown[] = e.args ?? []
      if (e.errorName === 'Error') return String(args[0])
      if (e.errorName === 'Panic') return `Panic(${String(args[0])})`
      return `${e.errorName}(${args.map(String).join(', ')})`
    } catch { /* not in the ABI: the message below */ }
  }
  return message || undefined
}

/** An SDK status error (PrecheckStatusError, ReceiptStatusError, MaxAttemptsOrTimeoutError carries none): checked by shape, so a second copy of the SDK is recognised too. */
interface SdkStatusError { status: { _code: number }; transactionId?: { toString(): string }; contractFunctionResult?: ContractFunctionResult | null }

function isSdkStatusError(error: unknown): error is SdkStatusError {
  if (error instanceof PrecheckStatusError || error instanceof ReceiptStatusError || error instanceof StatusError) return true
  const status = (error as { status?: { _code?: unknown } } | null)?.status
  return typeof status === 'object' && status !== null && typeof status._code === 'number'
}

/** The Hedera status of an SDK error, mapped to a ZelixError (anything else is rethrown as is). */
function fromSdkError(error: unknown, abi: Abi, what: string): never {
  if (error instanceof ZelixError) throw error
  if (isSdkStatusError(error)) {
    const result = error.contractFunctionResult ?? null
    const data = result && result.bytes.length > 0 ? hexOf(result.bytes) : undefined
    const reason = revertReason(abi, data, result?.errorMessage)
    throw ZelixError.fromStatus(error.status._code, what, {
      cause: error, ...(error.transactionId ? { transactionId: error.transactionId.toString() } : {}),
      ...(reason ? { reason } : {}), ...(data ? { revertData: data } : {}), ...(result ? { gasUsed: BigInt(result.gasUsed.toString()) } : {}),
    })
  }
  throw error
}

function toBytes(bytecode: Hex | string | Uint8Array): Uint8Array {
  if (bytecode instanceof Uint8Array) return bytecode
  const hex = bytecode.startsWith('0x') ? bytecode : `0x${bytecode}`
  if (!isHex(hex)) throw new ZelixError('ZELIX_BAD_OPTIONS', 'deploy: bytecode is not hex')
  return hexToBytes(hex)
}

/**
 * A bridge to a Hedera network through the real @hashgraph/sdk.
 *
 * @example
 * ```ts
 * import { createBridge } from '@zvm/zelix-bridge'
 * const bridge = createBridge({ network: 'testnet', operatorId: '0.0.1234', operatorKey: '302e…' })
 * // const { contract } = await bridge.deploy({ abi, bytecode })
 * // await bridge.call(contract, 'store', [42n]); await bridge.query(contract, 'get')
 * bridge.close()
 * ```
 */
export function createBridge(options: BridgeOptions): Bridge {
  const network = options.network
  if (!(network in MIRROR_URLS)) throw new ZelixError('ZELIX_BAD_OPTIONS', `network: ${JSON.stringify(network)} is not one of local, testnet, mainnet, previewnet`)
  const local = network === 'local'
  const operatorId = options.operatorId ?? env('HEDERA_OPERATOR_ID') ?? (local ? LOCAL_OPERATOR_ID : undefined)
  const operatorKey = options.operatorKey ?? env('HEDERA_OPERATOR_KEY') ?? (local ? LOCAL_OPERATOR_KEY : undefined)
  if (operatorId === undefined || operatorKey === undefined) {
    throw new ZelixError('ZELIX_NO_OPERATOR', `${network}: no operator — pass operatorId and operatorKey or set HEDERA_OPERATOR_ID and HEDERA_OPERATOR_KEY`)
  }
  let operator: AccountId
  try { operator = AccountId.fromString(operatorId) } catch (cause) {
    throw new ZelixError('ZELIX_BAD_OPTIONS', `operatorId: ${JSON.stringify(operatorId)} is not an account id (0.0.1234)`, { cause })
  }
  const key = parseKey(operatorKey, options.operatorKeyType)
  const nodes = options.nodes ?? (local ? LOCAL_NODES : undefined)
  const client = nodes ? Client.forNetwork({ ...nodes }, { scheduleNetworkUpdate: false }) : Client.forName(network, { scheduleNetworkUpdate: false })
  client.setOperator(operator, key)
  const mirrorUrl = (options.mirrorUrl ?? MIRROR_URLS[network]).replace(/\/+$/, '')
  const operatorAddress = `0x${operator.toSolidityAddress()}` as Hex

  async function record(response: TransactionResponse, abi: Abi, what: string): Promise<TransactionRecord> {
    // The record even when the receipt failed, for the revert data and gas.
    const rec = await response.getRecordQuery(client).setValidateReceiptStatus(false).execute(client).catch((e: unknown) => fromSdkError(e, abi, what))
    const status = rec.receipt.status
    if (status._code !== 22) {
      const result = rec.contractFunctionResult
      const data = result && result.bytes.length > 0 ? hexOf(result.bytes) : undefined
      const reason = revertReason(abi, data, result?.errorMessage)
      throw ZelixError.fromStatus(status._code, what, {
        transactionId: response.transactionId.toString(),
        ...(reason ? { reason } : {}), ...(data ? { revertData: data } : {}), ...(result ? { gasUsed: BigInt(result.gasUsed.toString()) } : {}),
      })
    }
    return rec
  }

  function outcome(rec: TransactionRecord, abi: Abi): TransactionOutcome {
    const result = rec.contractFunctionResult
    return {
      transactionId: rec.transactionId.toString(), status: rec.receipt.status.toString(),
      gasUsed: result ? BigInt(result.gasUsed.toString()) : 0n, fee: BigInt(rec.transactionFee.toTinybars().toString()),
      events: decodeEvents(abi, result),
    }
  }

  const at = <const abi extends Abi>(contractId: string, abi: abi, address?: Hex): DeployedContract<abi> =>
    ({ contractId, abi, address: address ?? (`0x${ContractId.fromString(contractId).toSolidityAddress()}` as Hex) })

  return {
    network, operatorId: operator.toString(), mirrorUrl, client, at,

    async deploy<const abi extends Abi>(request: DeployRequest<abi>): Promise<DeployOutcome<abi>> {
      const code = toBytes(request.bytecode)
      if (isZvmc(code)) {
        const kalix = loadKalixContract(code) // a malformed container says what is wrong with it first
        throw new ZelixError('ZELIX_KALIX_UNSUPPORTED',
          `deploy: ${kalix.abi.contract} is a KALIX (ZVMC) contract; ${local ? 'zvm node runs contracts on the Hedera EVM' : `${network}'s consensus nodes run EVM bytecode only`}, so it cannot be deployed — run it with @zvm/runtime-kalix`)
      }
      const args = (request.args ?? []) as readonly unknown[]
      const params = args.length > 0 ? hexToBytes(`0x${encodeDeployData({ abi: request.abi as Abi, bytecode: '0x', args } as Parameters<typeof encodeDeployData>[0]).slice(2)}` as Hex) : undefined
      // The flow writes a string as the file's hex text; bytes it would store as they are.
      const flow = new ContractCreateFlow().setBytecode(bytesToHex(code).slice(2)).setGas(request.gas ?? 2_000_000)
      if (params) flow.setConstructorParameters(params)
      if (request.initialBalance) flow.setInitialBalance(Hbar.fromTinybars(request.initialBalance.toString()))
      if (request.memo) flow.setContractMemo(request.memo)
      const response = await flow.execute(client).catch((e: unknown) => fromSdkError(e, request.abi, 'deploy'))
      const rec = await record(response, request.abi, 'deploy')
      const contractId = rec.receipt.contractId
      if (!contractId) throw ZelixError.fromStatus(rec.receipt.status._code, 'deploy: the receipt has no contract id')
      const evm = rec.contractFunctionResult?.evmAddress
      const address = evm && evm.length === 20 ? hexOf(evm) : undefined
      return { ...outcome(rec, request.abi), contract: at(contractId.toString(), request.abi, address) }
    },

    async call(contract, functionName, args, options = {}) {
      const abi: Abi = contract.abi
      const what = `call ${String(functionName)}`
      findFunction(abi, functionName, what)
      const data = encodeFunctionData({ abi, functionName, args: (args ?? []) as readonly unknown[] } as Parameters<typeof encodeFunctionData>[0])
      const tx = new ContractExecuteTransaction().setContractId(contract.contractId).setGas(options.gas ?? 1_000_000).setFunctionParameters(hexToBytes(data))
      if (options.value) tx.setPayableAmount(Hbar.fromTinybars(options.value.toString()))
      const response = await tx.execute(client).catch((e: unknown) => fromSdkError(e, abi, what))
      const rec = await record(response, abi, what)
      const bytes = rec.contractFunctionResult?.bytes ?? new Uint8Array()
      const result = decodeFunctionResult({ abi, functionName, data: hexOf(bytes) } as Parameters<typeof decodeFunctionResult>[0])
      return { ...outcome(rec, abi), result: result as never }
    },

    async query(contract, functionName, args, options = {}) {
      const abi: Abi = contract.abi
      const what = `query ${String(functionName)}`
      const fn = findFunction(abi, functionName, what)
      // Read-only by construction: nothing that may write leaves this process.
      if (fn.stateMutability !== 'view' && fn.stateMutability !== 'pure') {
        throw ZelixError.fromStatus(LOCAL_CALL_MODIFICATION_EXCEPTION, what, { reason: `${fn.name} is ${fn.stateMutability}; a query runs only view and pure functions (use call)` })
      }
      const data = encodeFunctionData({ abi, functionName, args: (args ?? []) as readonly unknown[] } as Parameters<typeof encodeFunctionData>[0])
      const q = new ContractCallQuery().setContractId(contract.contractId).setGas(options.gas ?? 100_000).setFunctionParameters(hexToBytes(data))
      const result = await q.execute(client).catch((e: unknown) => fromSdkError(e, abi, what))
      return decodeFunctionResult({ abi, functionName, data: hexOf(result.bytes) } as Parameters<typeof decodeFunctionResult>[0]) as never
    },

    async estimateGas(contract, functionName, args, options = {}) {
      const abi: Abi = contract.abi
      const what = `estimateGas ${String(functionName)}`
      findFunction(abi, functionName, what)
      const data = encodeFunctionData({ abi, functionName, args: (args ?? []) as readonly unknown[] } as Parameters<typeof encodeFunctionData>[0])
      const result = await mirrorContractCall(mirrorUrl, { to: contract.address, data, from: options.from ?? operatorAddress, ...(options.value ? { value: options.value } : {}), estimate: true }, what)
      return BigInt(result)
    },

    close() { client.close() },
  }
}
