/**
 * The local network: one ledger and EVM state, the consensus pipeline
 * (precheck → consensus timestamp → fee → handler → receipt and record),
 * and what the mirror and relay read. Consensus timestamps are derived
 * from the transaction's valid start and the previous timestamp (strictly
 * increasing), never from randomness, so a replayed log gives the same
 * state. Every committed transaction is written to the log (if any)
 * before its submission is answered.
 */
import { proto } from '@hashgraph/proto'
import { entityIdToAddress, HederaLedger, type ConsensusTime } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { JournaledState, type Checkpoint } from '@zvm/state'
import type { ContractMeta, EvmOutcome, FileRecord, Outcome, TxContext } from './hapi/context.ts'
import { baseFee, TINYBAR_PER_GAS } from './hapi/fees.ts'
import { CONSENSUS_HANDLERS, type TopicMessage } from './hapi/handlers/consensus.ts'
import { CONTRACT_HANDLERS, EVM_DATA_CASES } from './hapi/handlers/contract.ts'
import { CRYPTO_HANDLERS } from './hapi/handlers/crypto.ts'
import { FILE_HANDLERS } from './hapi/handlers/file.ts'
import { TOKEN_HANDLERS } from './hapi/handlers/token.ts'
import { long, toAccountID, toContractID, toTokenID } from './hapi/ids.ts'
import { isSignedBy } from './hapi/keys.ts'
import { parseTransaction, type ParsedTransaction } from './hapi/precheck.ts'
import { recoverSigner } from './relay/recover.ts'
import type { Handler } from './hapi/context.ts'

const RC = proto.ResponseCodeEnum
const HANDLERS: Record<string, Handler> = { ...CRYPTO_HANDLERS, ...FILE_HANDLERS, ...CONTRACT_HANDLERS, ...TOKEN_HANDLERS, ...CONSENSUS_HANDLERS }
/** Fees go to the fee collection account 0.0.98. */
export const FEE_COLLECTOR = '0.0.98'
const FEE_COLLECTOR_ADDRESS = entityIdToAddress(FEE_COLLECTOR)

/** A committed transaction: its receipt, record and what the mirror shows. */
export interface CommittedTransaction {
  readonly index: number
  readonly idKey: string
  readonly transactionId: proto.ITransactionID
  readonly name: string
  readonly payer: string
  readonly consensus: ConsensusTime
  readonly status: number
  readonly fee: bigint
  readonly hash: Uint8Array
  readonly receipt: proto.ITransactionReceipt
  readonly record: proto.ITransactionRecord
  readonly evm: EvmOutcome | undefined
  readonly transfers: ReadonlyMap<string, bigint>
  /** Set for a raw Ethereum transaction from the relay. */
  readonly ethereum?: { hash: string; raw: Uint8Array; nonce: bigint; type: string; gasPriceWei: bigint; valueWei: bigint }
}

/** Where committed transactions go (the persistence log). */
export interface TransactionLog {
  append(entry: { kind: 'hapi' | 'eth'; bytes: Uint8Array; consensusNanos: bigint }): void
}

export const toNanos = (t: ConsensusTime): bigint => t.seconds * 1_000_000_000n + BigInt(t.nanos)
export const fromNanos = (n: bigint): ConsensusTime => ({ seconds: n / 1_000_000_000n, nanos: Number(n % 1_000_000_000n) })

export function timestampOf(t: ConsensusTime): proto.ITimestamp {
  return { seconds: long(t.seconds), nanos: t.nanos }
}

export class LocalNetwork {
  readonly state = new JournaledState()
  readonly ledger: HederaLedger
  readonly files = new Map<string, FileRecord>()
  readonly contracts = new Map<string, ContractMeta>()
  readonly transactions: CommittedTransaction[] = []
  readonly byId = new Map<string, CommittedTransaction>()
  readonly topicMessages: TopicMessage[] = []
  log: TransactionLog | undefined
  /** The relay's executor of raw Ethereum transactions (set by the relay). */
  ethereum: { replay(raw: Uint8Array, consensusNanos: bigint): void } | undefined
  #signers: ReadonlySet<string> = new Set()
  #lastNanos = 0n
  #nextFileNum = 150_001n
  /** Wall clock in nanoseconds (replaced in tests). */
  now: () => bigint = () => BigInt(Date.now()) * 1_000_000n

  constructor() {
    this.ledger = new HederaLedger(this.state, { firstEntityNum: 2n, signedBy: (key) => isSignedBy(key, this.#signers) })
  }

  /** The network's current consensus time (the last transaction's). */
  get lastConsensus(): ConsensusTime { return fromNanos(this.#lastNanos) }
  /** The EVM block number: one block per committed transaction. */
  get blockNumber(): bigint { return BigInt(this.transactions.length) }

  /** Prechecks and, if they pass, commits a HAPI transaction; answers the precheck code (0 OK). */
  submit(bytes: Uint8Array): number {
    const parsed = parseTransaction(bytes, this.now())
    if (!parsed.ok) return parsed.code
    const tx = parsed.tx
    if (this.byId.has(tx.idKey)) return RC.DUPLICATE_TRANSACTION
    const payer = this.ledger.getAccount(tx.payer)
    if (!payer) return RC.PAYER_ACCOUNT_NOT_FOUND
    if (!isSignedBy(payer.key, tx.signers)) return RC.INVALID_SIGNATURE
    const fee = this.#requiredFee(tx)
    if (BigInt(tx.body.transactionFee?.toString() ?? '0') < fee) return RC.INSUFFICIENT_TX_FEE
    if (this.ledger.hbarBalance(tx.payer) < fee) return RC.INSUFFICIENT_PAYER_BALANCE
    const consensusNanos = this.#nextConsensus(tx.validStartNanos)
    this.#commit(tx, consensusNanos)
    this.log?.append({ kind: 'hapi', bytes, consensusNanos })
    return RC.OK
  }

  /** Re-runs a logged transaction at its logged consensus time (restart), without the wall-clock checks. */
  replay(bytes: Uint8Array, consensusNanos: bigint): void {
    const parsed = parseTransaction(bytes, consensusNanos)
    if (!parsed.ok) throw new Error(`logged transaction no longer parses (code ${parsed.code})`)
    this.#commit(parsed.tx, consensusNanos)
    if (consensusNanos > this.#lastNanos) this.#lastNanos = consensusNanos
  }

  /** Replays one log entry (restart). */
  replayEntry(kind: 'hapi' | 'eth', bytes: Uint8Array, consensusNanos: bigint): void {
    if (kind === 'hapi') this.replay(bytes, consensusNanos)
    else this.ethereum?.replay(bytes, consensusNanos)
  }

  #requiredFee(tx: ParsedTransaction): bigint {
    const base = baseFee(tx.dataCase)!
    const gas = tx.body.contractCall?.gas ?? tx.body.contractCreateInstance?.gas
    return base + (gas == null ? 0n : BigInt(gas.toString()) * TINYBAR_PER_GAS)
  }

  #nextConsensus(validStartNanos: bigint): bigint {
    const next = validStartNanos + 1n > this.#lastNanos + 1n ? validStartNanos + 1n : this.#lastNanos + 1n
    this.#lastNanos = next
    return next
  }

  /** Allocates the next consensus timestamp for a transaction without a valid start (the relay's). */
  nextConsensusNow(): bigint { return this.#nextConsensus(this.now()) }

  #commit(tx: ParsedTransaction, consensusNanos: bigint): void {
    const consensus = fromNanos(consensusNanos)
    const state = this.state
    const payerAddress = this.ledger.evmAddressOf(tx.payer)!
    const transfers = new Map<string, bigint>()
    const tokenTransfers: Array<{ token: string; account: string; amount: bigint; serial?: bigint; to?: string }> = []
    const messages: TopicMessage[] = []
    const credit = (account: string, amount: bigint): void => { transfers.set(account, (transfers.get(account) ?? 0n) + amount) }
    this.ledger.consensusTime = consensus
    state.beginTransaction()
    // The base fee is paid whatever the outcome.
    const fee = baseFee(tx.dataCase)!
    state.subBalance(payerAddress, fee)
    state.addBalance(FEE_COLLECTOR_ADDRESS, fee)
    state.finalizeTransaction()
    const ctx: TxContext = {
      ledger: this.ledger, files: this.files, contracts: this.contracts, payer: tx.payer, payerAddress, consensus, body: tx.body,
      blockNumber: BigInt(this.transactions.length + 1), signers: tx.signers,
      onRevert: (undo) => state.recordUndo(undo),
      onTopicMessage: (m) => messages.push(m),
      newFileId: () => `0.0.${this.#nextFileNum++}`,
      credit, creditToken: (token, account, amount, serial, to) => tokenTransfers.push({ token, account, amount, serial, to }),
    }
    // HAPI operations see the transaction's signatures; EVM code does not (Hedera's security model v2:
    // a contract acts with its own authority, msg.sender's key does not sign for it).
    this.#signers = EVM_DATA_CASES.has(tx.dataCase) ? new Set() : tx.signers
    let outcome: Outcome
    let open: Checkpoint | undefined
    try {
      if (EVM_DATA_CASES.has(tx.dataCase)) {
        outcome = HANDLERS[tx.dataCase](ctx)
      } else {
        state.beginTransaction()
        open = state.checkpoint()
        outcome = HANDLERS[tx.dataCase](ctx)
        if (outcome.status === RC.SUCCESS) state.commit(open)
        else state.revert(open)
        open = undefined
        state.finalizeTransaction()
      }
    } catch (e) {
      // A handler bug must not take the node down: the transaction fails and its journaled changes are undone.
      process.stderr.write(`zvm node: ${tx.dataCase} failed: ${(e as Error).stack ?? String(e)}\n`)
      if (open !== undefined) state.revert(open)
      state.finalizeTransaction()
      outcome = { status: RC.FAIL_INVALID }
    } finally {
      this.#signers = new Set()
    }
    let gasFee = 0n
    if (outcome.evm) {
      gasFee = outcome.evm.gasUsed * TINYBAR_PER_GAS
      const balance = state.getBalance(payerAddress)
      if (gasFee > balance) gasFee = balance
      state.subBalance(payerAddress, gasFee)
      state.addBalance(FEE_COLLECTOR_ADDRESS, gasFee)
      state.finalizeTransaction()
      if (outcome.evm.success && outcome.evm.value > 0n) {
        credit(tx.payer, -outcome.evm.value)
        const target = outcome.evm.contractId ?? (outcome.evm.to ? this.ledger.resolveId(outcome.evm.to) : undefined)
        if (target) credit(target, outcome.evm.value)
      }
    }
    if (outcome.status === RC.SUCCESS) this.topicMessages.push(...messages)
    else { transfers.clear(); tokenTransfers.length = 0 }
    const totalFee = fee + gasFee
    credit(tx.payer, -totalFee)
    credit(FEE_COLLECTOR, totalFee)
    const receipt: proto.ITransactionReceipt = { ...(outcome.status === RC.SUCCESS ? outcome.receipt : {}), status: outcome.status, exchangeRate: EXCHANGE_RATES }
    if (outcome.receipt?.contractID && !receipt.contractID) receipt.contractID = outcome.receipt.contractID
    const record: proto.ITransactionRecord = {
      receipt, transactionHash: tx.hash, consensusTimestamp: timestampOf(consensus), transactionID: tx.transactionId, memo: tx.body.memo ?? '',
      transactionFee: long(totalFee),
      transferList: { accountAmounts: [...transfers].filter(([, a]) => a !== 0n).map(([account, amount]) => ({ accountID: toAccountID(account), amount: long(amount) })) },
      tokenTransferLists: tokenTransferLists(tokenTransfers),
    }
    if (outcome.evm) {
      const result = contractResult(this, outcome.evm)
      if (tx.dataCase === 'contractCreateInstance') record.contractCreateResult = result
      else record.contractCallResult = result
    }
    const committed: CommittedTransaction = {
      index: this.transactions.length, idKey: tx.idKey, transactionId: tx.transactionId, name: tx.dataCase, payer: tx.payer, consensus,
      status: outcome.status, fee: totalFee, hash: tx.hash, receipt, record, evm: outcome.evm, transfers,
    }
    this.transactions.push(committed)
    this.byId.set(tx.idKey, committed)
  }

  readonly #ethByHash = new Map<string, CommittedTransaction>()

  /** Adds a committed transaction made outside the HAPI pipeline (the relay's). */
  recordTransaction(t: CommittedTransaction): void {
    this.transactions.push(t)
    this.byId.set(t.idKey, t)
    if (t.ethereum) this.#ethByHash.set(t.ethereum.hash, t)
  }

  /** A relay transaction by its Ethereum hash (lower-case 0x hex). */
  ethByHash(hash: string): CommittedTransaction | undefined { return this.#ethByHash.get(hash) }

  /** Recovers a raw Ethereum transaction's signer synchronously (replay). */
  recoverSync(rawHex: `0x${string}`): Address { return recoverSigner(rawHex) }

  /** Ids of every token (for balance answers). */
  tokenIds(): string[] { return this.ledger.tokenIds() }

  /** The EVM address of a contract id or account id (undefined when unknown). */
  addressOf(id: string): Address | undefined { return this.ledger.evmAddressOf(id) }
}

const EXCHANGE_RATES: proto.IExchangeRateSet = {
  currentRate: { hbarEquiv: 1, centEquiv: 12, expirationTime: { seconds: long(4102444800) } },
  nextRate: { hbarEquiv: 1, centEquiv: 12, expirationTime: { seconds: long(4102444800) } },
}

function tokenTransferLists(list: Array<{ token: string; account: string; amount: bigint; serial?: bigint; to?: string }>): proto.ITokenTransferList[] {
  const byToken = new Map<string, proto.ITokenTransferList>()
  for (const t of list) {
    let entry = byToken.get(t.token)
    if (!entry) byToken.set(t.token, (entry = { token: toTokenID(t.token), transfers: [], nftTransfers: [] }))
    if (t.serial !== undefined) entry.nftTransfers!.push({ senderAccountID: toAccountID(t.account), receiverAccountID: toAccountID(t.to!), serialNumber: long(t.serial) })
    else entry.transfers!.push({ accountID: toAccountID(t.account), amount: long(t.amount) })
  }
  return [...byToken.values()]
}

/** A ContractFunctionResult for a record. */
export function contractResult(net: LocalNetwork, evm: EvmOutcome): proto.IContractFunctionResult {
  const target = evm.contractId ?? (evm.to ? net.ledger.resolveId(evm.to) : undefined) ?? '0.0.0'
  return {
    contractID: toContractID(target), contractCallResult: evm.output, errorMessage: evm.errorMessage, gasUsed: long(evm.gasUsed), gas: long(evm.gasLimit),
    amount: long(evm.value), functionParameters: evm.input, senderId: toAccountID(net.ledger.resolveId(evm.from) ?? '0.0.0'),
    bloom: new Uint8Array(256),
    logInfo: evm.logs.map((l) => ({
      contractID: toContractID(net.ledger.resolveId(l.address) ?? '0.0.0'), bloom: new Uint8Array(256), data: l.data,
      topic: l.topics.map((t) => Uint8Array.from(Buffer.from(t.toString(16).padStart(64, '0'), 'hex'))),
    })),
    ...(evm.createdAddress ? { evmAddress: { value: Uint8Array.from(Buffer.from(evm.createdAddress.slice(2), 'hex')) } } : {}),
  }
}
