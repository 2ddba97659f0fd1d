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
 *   `estimate: true`, or (`local: true`, `estimateGasLocally`) a simulation
 *   in ZVM from the contract's code and storage on the mirror
 *   (local-estimate.ts).
 *
 * KALIX contracts (ZVMC containers, kalix.ts) go the same four ways on a
 * ZVM-powered network — `zvm node` (`local`, unless `zvm: false`) — encoded
 * and decoded by their KALIX ABI. mainnet, testnet and previewnet refuse
 * them with ZELIX_KALIX_UNSUPPORTED before sending: Hedera's consensus nodes
 * run EVM bytecode only.
 */
import {
  AccountId, Client, ContractCallQuery, ContractCreateFlow, ContractExecuteTransaction, ContractId, Hbar, PrivateKey, type TransactionRecord, type TransactionResponse,
} from '@hashgraph/sdk'
import { isZvmc, type ZvmcAbi } from '@zvm/bytecode'
import type { Address } from '@zvm/primitives'
import { kalixInterface, type KalixContract } from '@zvm/runtime-kalix'
import {
  bytesToHex, decodeFunctionResult, encodeDeployData, encodeFunctionData, hexToBytes, isHex,
  type Abi, type AbiFunction, type ContractConstructorArgs, type ContractFunctionArgs, type ContractFunctionName, type ContractFunctionReturnType, type Hex,
} from 'viem'
import { evmCodec, kalixCodec, type Codec, type DecodedEvent } from './codec.ts'
import { LOCAL_CALL_MODIFICATION_EXCEPTION, ZelixError } from './errors.ts'
import {
  constructorParameters, isKalixContract, kalixCalldata, kalixFunction, kalixResult, loadContainer,
  type KalixDeployedContract, type KalixDeployRequest, type KalixResult,
} from './kalix.ts'
import { estimateLocally, fetchMirrorContract } from './local-estimate.ts'
import { mirrorContractCall } from './mirror.ts'
import { fromSdkError, resultError } from './sdk-errors.ts'
import { isPublicNetwork, LOCAL_NODES, LOCAL_OPERATOR_ID, LOCAL_OPERATOR_KEY, MIRROR_URLS, type HederaNetworkName } from './networks.ts'

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
  /**
   * The network runs KALIX (ZVMC) contracts, as `zvm node` does. Default: true
   * for `local`; `false` declares a local network that runs EVM only (e.g.
   * hiero-local-node). mainnet, testnet and previewnet cannot be ZVM-powered.
   */
  zvm?: boolean
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
  /** Creation code (hex with or without 0x, or bytes). A ZVMC container deploys as KALIX (ZVM-powered networks only; see `KalixDeployRequest`). */
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
  /**
   * Simulate in ZVM on this machine (the contract's code and storage from the
   * mirror) and ask the mirror only when the local run fails — e.g. the call
   * reads HTS state or other contracts, which the mirror REST does not serve.
   */
  local?: boolean
}

/** A KALIX deployment's outcome. */
export interface KalixDeployOutcome extends TransactionOutcome {
  contract: KalixDeployedContract
}

/** The bridge `createBridge` returns. */
export interface Bridge {
  readonly network: HederaNetworkName
  readonly operatorId: string
  readonly mirrorUrl: string
  /** The SDK client (for anything the bridge does not wrap). */
  readonly client: Client
  /** `true` when KALIX (ZVMC) contracts can be deployed and called (`zvm node`). */
  readonly zvm: boolean
  deploy<const abi extends Abi>(request: DeployRequest<abi>): Promise<DeployOutcome<abi>>
  /** A KALIX contract: a ZVMC container (ZVM-powered networks only). */
  deploy(request: KalixDeployRequest): Promise<KalixDeployOutcome>
  call<const abi extends Abi, fn extends ContractFunctionName<abi, Writing>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Writing, fn>, options?: CallOptions,
  ): Promise<CallOutcome<ContractFunctionReturnType<abi, Writing, fn>>>
  /** A KALIX function by name or signature (`deposit` or `deposit(u64)`). */
  call(contract: KalixDeployedContract, functionName: string, args?: readonly unknown[], options?: CallOptions): Promise<CallOutcome<KalixResult>>
  query<const abi extends Abi, fn extends ContractFunctionName<abi, Reading>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Reading, fn>, options?: Omit<CallOptions, 'value'>,
  ): Promise<ContractFunctionReturnType<abi, Reading, fn>>
  query(contract: KalixDeployedContract, functionName: string, args?: readonly unknown[], options?: Omit<CallOptions, 'value'>): Promise<KalixResult>
  estimateGas<const abi extends Abi, fn extends ContractFunctionName<abi>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Writing | Reading, fn>, options?: EstimateOptions,
  ): Promise<bigint>
  estimateGas(contract: KalixDeployedContract, functionName: string, args?: readonly unknown[], options?: EstimateOptions): Promise<bigint>
  /** The local estimate only (module local-estimate.ts); a call that fails locally is a ZelixError with its status. */
  estimateGasLocally<const abi extends Abi, fn extends ContractFunctionName<abi>>(
    contract: DeployedContract<abi>, functionName: fn, args?: ContractFunctionArgs<abi, Writing | Reading, fn>, options?: Omit<EstimateOptions, 'local'>,
  ): Promise<bigint>
  estimateGasLocally(contract: KalixDeployedContract, functionName: string, args?: readonly unknown[], options?: Omit<EstimateOptions, 'local'>): Promise<bigint>
  /** A contract already on the network, typed by its ABI. */
  at<const abi extends Abi>(contractId: string, abi: abi, address?: Hex): DeployedContract<abi>
  /** A KALIX contract already on the network, by its KALIX ABI. */
  at(contractId: string, abi: ZvmcAbi, address?: Hex): KalixDeployedContract
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

const hexOf = (bytes: Uint8Array): Hex => bytesToHex(bytes)

function toBytes(bytecode: Hex | string | Uint8Array): Uint8Array {
  if (bytecode instanceof Uint8Array) return bytecode
  const hex = bytecode.startsWith('0x') ? bytecode : `0x${bytecode}`
  if (!isHex(hex)) throw new ZelixError('ZELIX_BAD_OPTIONS', 'deploy: bytecode is not hex')
  return hexToBytes(hex)
}

const isKalixAbi = (abi: Abi | ZvmcAbi): abi is ZvmcAbi => !Array.isArray(abi)

/** A call's calldata, the codec of its contract, and how to read its result. */
interface Prepared { data: Uint8Array; codec: Codec; decode(bytes: Uint8Array): unknown; mutability: string; name: string }

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
  if (options.zvm === true && isPublicNetwork(network)) {
    throw new ZelixError('ZELIX_BAD_OPTIONS', `zvm: ${network} is not ZVM-powered — Hedera's consensus nodes run EVM bytecode only`)
  }
  const zvm = options.zvm ?? local
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

  /** KALIX goes only to a ZVM-powered network: refused before anything is sent. */
  function requireZvm(name: string, what: string): void {
    if (zvm) return
    const why = isPublicNetwork(network)
      ? `${network}'s consensus nodes run EVM bytecode only (Hedera runs no ZVM)`
      : 'this local network was declared EVM-only (zvm: false)'
    throw new ZelixError('ZELIX_KALIX_UNSUPPORTED',
      `${what}: ${name} is a KALIX (ZVMC) contract; ${why}, so it cannot run there — use a ZVM-powered network (\`zvm node\`, network 'local'), or run it with @zvm/runtime-kalix`)
  }

  async function record(response: TransactionResponse, codec: Codec, what: string): Promise<TransactionRecord> {
    // The record even when the receipt failed, for the revert data and gas.
    const rec = await response.getRecordQuery(client).setValidateReceiptStatus(false).execute(client).catch((e: unknown) => fromSdkError(e, codec, what))
    const status = rec.receipt.status
    if (status._code !== 22) throw resultError(status._code, what, codec, rec.contractFunctionResult, { transactionId: response.transactionId.toString() })
    return rec
  }

  function outcome(rec: TransactionRecord, codec: Codec): TransactionOutcome {
    const result = rec.contractFunctionResult
    return {
      transactionId: rec.transactionId.toString(), status: rec.receipt.status.toString(),
      gasUsed: result ? BigInt(result.gasUsed.toString()) : 0n, fee: BigInt(rec.transactionFee.toTinybars().toString()),
      events: codec.events(result),
    }
  }

  const longZero = (contractId: string): Hex => `0x${ContractId.fromString(contractId).toSolidityAddress()}` as Hex
  const kalixAt = (contractId: string, kalix: KalixContract, address?: Hex): KalixDeployedContract =>
    ({ kind: 'kalix', contractId, abi: kalix.abi, kalix, address: address ?? longZero(contractId) })
  function at<const abi extends Abi>(contractId: string, abi: abi, address?: Hex): DeployedContract<abi>
  function at(contractId: string, abi: ZvmcAbi, address?: Hex): KalixDeployedContract
  function at(contractId: string, abi: Abi | ZvmcAbi, address?: Hex): DeployedContract | KalixDeployedContract {
    if (isKalixAbi(abi)) {
      let kalix: KalixContract
      try { kalix = kalixInterface(abi) } catch (cause) { throw new ZelixError('ZELIX_BAD_OPTIONS', `at: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }) }
      return kalixAt(contractId, kalix, address)
    }
    return { contractId, abi, address: address ?? longZero(contractId) }
  }

  /** Calldata and decoding for `functionName` of either kind of contract. */
  function prepare(contract: DeployedContract | KalixDeployedContract, functionName: string, args: readonly unknown[], what: string): Prepared {
    if (isKalixContract(contract)) {
      requireZvm(contract.abi.contract, what)
      const fn = kalixFunction(contract.kalix, functionName, what)
      return { data: kalixCalldata(fn, args, what), codec: kalixCodec(contract.kalix), decode: (b) => kalixResult(fn, b, what), mutability: fn.mutability, name: fn.signature }
    }
    const abi: Abi = contract.abi
    const fn = findFunction(abi, functionName, what)
    const data = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0])
    return {
      data: hexToBytes(data), codec: evmCodec(abi), mutability: fn.stateMutability, name: fn.name,
      decode: (b) => decodeFunctionResult({ abi, functionName, data: hexOf(b) } as Parameters<typeof decodeFunctionResult>[0]),
    }
  }

  async function create(code: Uint8Array, params: Uint8Array, request: { gas?: number; initialBalance?: bigint; memo?: string }, codec: Codec): Promise<{ rec: TransactionRecord; contractId: string; address: Hex | undefined }> {
    // The flow writes a string as the file's hex text; bytes it would store as they are.
    const flow = new ContractCreateFlow().setBytecode(bytesToHex(code).slice(2)).setGas(request.gas ?? 2_000_000)
    if (params.length > 0) flow.setConstructorParameters(params)
    if (request.initialBalance) flow.setInitialBalance(Hbar.fromTinybars(request.initialBalance.toString()))
    if (request.memo) flow.setContractMemo(request.memo)
    const response = await flow.execute(client).catch((e: unknown) => fromSdkError(e, codec, 'deploy'))
    const rec = await record(response, codec, 'deploy')
    const contractId = rec.receipt.contractId
    if (!contractId) throw ZelixError.fromStatus(rec.receipt.status._code, 'deploy: the receipt has no contract id')
    const evm = rec.contractFunctionResult?.evmAddress
    return { rec, contractId: contractId.toString(), address: evm && evm.length === 20 ? hexOf(evm) : undefined }
  }

  async function deploy(request: DeployRequest<Abi> | KalixDeployRequest): Promise<DeployOutcome<Abi> | KalixDeployOutcome> {
    const code = toBytes(request.bytecode)
    const abi = request.abi
    if (isZvmc(code) || (abi !== undefined && isKalixAbi(abi))) {
      // A malformed container says what is wrong with it first; a Solidity ABI given with a container is not its ABI.
      const kalix = loadContainer(code, abi !== undefined && isKalixAbi(abi) ? abi : undefined, 'deploy')
      requireZvm(kalix.abi.contract, 'deploy')
      const params = constructorParameters(kalix, request.args ?? [], 'deploy')
      const codec = kalixCodec(kalix)
      const { rec, contractId, address } = await create(kalix.bytes, params, request, codec)
      return { ...outcome(rec, codec), contract: kalixAt(contractId, kalix, address) }
    }
    if (abi === undefined) throw new ZelixError('ZELIX_BAD_OPTIONS', 'deploy: an EVM contract needs its ABI (abi)')
    const args = (request.args ?? []) as readonly unknown[]
    const params = args.length > 0 ? hexToBytes(`0x${encodeDeployData({ abi, bytecode: '0x', args } as Parameters<typeof encodeDeployData>[0]).slice(2)}` as Hex) : new Uint8Array(0)
    const codec = evmCodec(abi)
    const { rec, contractId, address } = await create(code, params, request, codec)
    return { ...outcome(rec, codec), contract: at(contractId, abi, address) }
  }

  async function call(contract: DeployedContract | KalixDeployedContract, functionName: string, args?: readonly unknown[], options: CallOptions = {}): Promise<CallOutcome<unknown>> {
    const what = `call ${functionName}`
    const p = prepare(contract, functionName, args ?? [], what)
    const tx = new ContractExecuteTransaction().setContractId(contract.contractId).setGas(options.gas ?? 1_000_000).setFunctionParameters(p.data)
    if (options.value) tx.setPayableAmount(Hbar.fromTinybars(options.value.toString()))
    const response = await tx.execute(client).catch((e: unknown) => fromSdkError(e, p.codec, what))
    const rec = await record(response, p.codec, what)
    return { ...outcome(rec, p.codec), result: p.decode(rec.contractFunctionResult?.bytes ?? new Uint8Array()) }
  }

  async function query(contract: DeployedContract | KalixDeployedContract, functionName: string, args?: readonly unknown[], options: Omit<CallOptions, 'value'> = {}): Promise<unknown> {
    const what = `query ${functionName}`
    const p = prepare(contract, functionName, args ?? [], what)
    // Read-only by construction: nothing that may write leaves this process.
    if (p.mutability !== 'view' && p.mutability !== 'pure') {
      throw ZelixError.fromStatus(LOCAL_CALL_MODIFICATION_EXCEPTION, what, { reason: `${p.name} is ${p.mutability}; a query runs only view and pure functions (use call)` })
    }
    const q = new ContractCallQuery().setContractId(contract.contractId).setGas(options.gas ?? 100_000).setFunctionParameters(p.data)
    const result = await q.execute(client).catch((e: unknown) => fromSdkError(e, p.codec, what))
    return p.decode(result.bytes)
  }

  async function mirrorEstimate(contract: DeployedContract | KalixDeployedContract, p: Prepared, options: EstimateOptions, what: string): Promise<bigint> {
    const result = await mirrorContractCall(mirrorUrl, { to: contract.address, data: hexOf(p.data), from: options.from ?? operatorAddress, ...(options.value ? { value: options.value } : {}), estimate: true }, what)
    return BigInt(result)
  }

  async function localEstimate(contract: DeployedContract | KalixDeployedContract, p: Prepared, options: EstimateOptions, what: string): Promise<bigint> {
    const state = await fetchMirrorContract(mirrorUrl, contract.contractId, what)
    const from = (options.from ?? operatorAddress).toLowerCase() as Address
    let r: ReturnType<typeof estimateLocally>
    try { r = estimateLocally(state, { from, data: p.data, value: options.value ?? 0n }) } catch (cause) {
      throw new ZelixError('ZELIX_BAD_OPTIONS', `${what} (local): ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    }
    if ('gas' in r) return r.gas
    const data = r.failure.output.length > 0 ? hexOf(r.failure.output) : undefined
    const reason = p.codec.reason(data, undefined)
    throw ZelixError.fromStatus(r.failure.status, `${what} (local)`, { ...(reason ? { reason } : {}), ...(data ? { revertData: data } : {}) })
  }

  async function estimateGas(contract: DeployedContract | KalixDeployedContract, functionName: string, args?: readonly unknown[], options: EstimateOptions = {}): Promise<bigint> {
    const what = `estimateGas ${functionName}`
    const p = prepare(contract, functionName, args ?? [], what)
    if (options.local === true) {
      try { return await localEstimate(contract, p, options, what) } catch (e) {
        // A local run that fails may lack state the mirror has (HTS, other contracts): the mirror decides.
        if (!(e instanceof ZelixError) || e.status === undefined) throw e
      }
    }
    return mirrorEstimate(contract, p, options, what)
  }

  async function estimateGasLocally(contract: DeployedContract | KalixDeployedContract, functionName: string, args?: readonly unknown[], options: EstimateOptions = {}): Promise<bigint> {
    const what = `estimateGasLocally ${functionName}`
    return localEstimate(contract, prepare(contract, functionName, args ?? [], what), options, what)
  }

  // The overloads are the interface's; these implementations take the union of both kinds.
  return {
    network, operatorId: operator.toString(), mirrorUrl, client, zvm, at,
    deploy: deploy as Bridge['deploy'], call: call as Bridge['call'], query: query as Bridge['query'],
    estimateGas: estimateGas as Bridge['estimateGas'], estimateGasLocally: estimateGasLocally as Bridge['estimateGasLocally'],
    close() { client.close() },
  }
}
