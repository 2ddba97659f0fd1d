/** What a transaction handler sees, and what it answers. */
import type { proto } from '@hashgraph/proto'
import type { ConsensusTime, HederaLedger, LedgerKey } from '@zvm/chain-hedera'
import type { Log } from '@zvm/state'
import type { Address } from '@zvm/primitives'
import type { TopicMessage } from './handlers/consensus.ts'

/** A file of the file service (kept beside the ledger, which has none). */
export interface FileRecord {
  readonly id: string
  contents: Uint8Array
  readonly key: LedgerKey | undefined
  readonly memo: string
  readonly expiry: bigint
  deleted: boolean
}

/** What the node keeps about a HAPI-created contract besides its ledger account. */
export interface ContractMeta {
  readonly id: string
  readonly address: Address
  readonly adminKey: LedgerKey | undefined
  readonly memo: string
}

/** One EVM execution, for records, the mirror and the relay. */
export interface EvmOutcome {
  readonly contractId: string | undefined
  readonly from: Address
  readonly to: Address | null
  readonly createdAddress: Address | undefined
  readonly input: Uint8Array
  readonly value: bigint
  readonly gasLimit: bigint
  readonly gasUsed: bigint
  readonly output: Uint8Array
  readonly logs: readonly Log[]
  readonly success: boolean
  readonly errorMessage: string
}

export interface TxContext {
  readonly ledger: HederaLedger
  readonly files: Map<string, FileRecord>
  readonly contracts: Map<string, ContractMeta>
  readonly payer: string
  readonly payerAddress: Address
  readonly consensus: ConsensusTime
  readonly body: proto.TransactionBody
  /** The EVM block of this transaction. */
  readonly blockNumber: bigint
  /** Public keys whose signatures verified. */
  readonly signers: ReadonlySet<string>
  /** Undoes a change to data the state does not journal when the transaction fails. */
  onRevert(undo: () => void): void
  /** Keeps an HCS message for the mirror (undone with the transaction). */
  onTopicMessage(message: TopicMessage): void
  /** Allocates a file id. */
  newFileId(): string
  /** Adds to the record's HBAR transfer list (tinybar; negative = debit). */
  credit(account: string, amount: bigint): void
  /** Adds to the record's token transfer lists. */
  creditToken(token: string, account: string, amount: bigint, serial?: bigint, to?: string): void
}

export interface Outcome {
  status: number
  receipt?: proto.ITransactionReceipt
  /** Set for contract transactions (gas is charged on top of the base fee). */
  evm?: EvmOutcome
}

export type Handler = (ctx: TxContext) => Outcome
