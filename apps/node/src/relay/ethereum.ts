/**
 * Raw Ethereum transactions (legacy, EIP-2930, EIP-1559) sent to the relay:
 * the signer is recovered, its ECDSA account (alias) pays, and the
 * transaction runs through executeHederaTransaction. Value crosses this
 * boundary in weibar (1 tinybar = 10^10 weibar): the EVM and ledger hold
 * tinybar. Gas price is charged at 0 in the EVM and the fee is paid in
 * tinybar as for HAPI contract calls (fees.ts).
 */
import { proto } from '@hashgraph/proto'
import { executeHederaTransaction, ResponseCode } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { keccak256, parseTransaction, recoverTransactionAddress, type TransactionSerialized } from 'viem'
import { blockAt, LOCAL_CHAIN_ID } from '../evm.ts'
import { bytesToHex } from '../hapi/bytes.ts'
import { TINYBAR_PER_GAS } from '../hapi/fees.ts'
import { FEE_COLLECTOR, fromNanos, type CommittedTransaction, type LocalNetwork } from '../network.ts'
import { long } from '../hapi/ids.ts'

export const WEIBAR_PER_TINYBAR = 10_000_000_000n

export class EthereumExecutor {
  readonly #net: LocalNetwork
  constructor(net: LocalNetwork) { this.#net = net }

  /** Checks and commits a raw transaction; resolves to its hash or a JSON-RPC error message. */
  async send(rawHex: string): Promise<{ hash: string } | { error: string }> {
    let parsed: ReturnType<typeof parseTransaction>, from: Address
    try {
      parsed = parseTransaction(rawHex as TransactionSerialized)
      from = (await recoverTransactionAddress({ serializedTransaction: rawHex as TransactionSerialized })).toLowerCase() as Address
    } catch (e) {
      return { error: `invalid transaction: ${(e as Error).message.split('\n')[0]}` }
    }
    if (parsed.chainId !== undefined && BigInt(parsed.chainId) !== LOCAL_CHAIN_ID) return { error: `chain id ${parsed.chainId} ≠ ${LOCAL_CHAIN_ID}` }
    const hash = keccak256(rawHex as `0x${string}`)
    if (this.#net.ethByHash(hash)) return { error: 'transaction already known' }
    const net = this.#net
    if (!net.ledger.getAccount(from)) return { error: `sender ${from} has no account` }
    if (BigInt(parsed.nonce ?? 0) !== net.state.getNonce(from)) return { error: `nonce ${parsed.nonce} ≠ account nonce ${net.state.getNonce(from)}` }
    const value = parsed.value ?? 0n
    if (value % WEIBAR_PER_TINYBAR !== 0n) return { error: 'value is not a whole number of tinybar (1 tinybar = 10^10 weibar)' }
    const gas = parsed.gas ?? 0n
    if (gas > 15_000_000n) return { error: 'gas limit above 15000000' }
    if (net.ledger.hbarBalance(from) < value / WEIBAR_PER_TINYBAR + gas * TINYBAR_PER_GAS) return { error: 'insufficient funds for gas * price + value' }
    const bytes = Uint8Array.from(Buffer.from(rawHex.slice(2), 'hex'))
    const nanos = net.nextConsensusNow()
    this.#commit(bytes, hash, from, parsed, nanos)
    net.log?.append({ kind: 'eth', bytes, consensusNanos: nanos })
    return { hash }
  }

  /** Re-runs a logged raw transaction (restart); the signer is recovered synchronously from the log's record of it. */
  replay(raw: Uint8Array, consensusNanos: bigint): void {
    const rawHex = `0x${bytesToHex(raw)}` as TransactionSerialized
    const parsed = parseTransaction(rawHex)
    const from = this.#net.recoverSync(rawHex)
    this.#commit(raw, keccak256(rawHex), from, parsed, consensusNanos)
  }

  #commit(raw: Uint8Array, hash: string, from: Address, parsed: ReturnType<typeof parseTransaction>, nanos: bigint): void {
    const net = this.#net
    const consensus = fromNanos(nanos)
    const gas = parsed.gas ?? 0n
    const value = (parsed.value ?? 0n) / WEIBAR_PER_TINYBAR
    const data = Uint8Array.from(Buffer.from((parsed.data ?? '0x').slice(2), 'hex'))
    // A long-zero `to` naming a HAPI-created contract runs its code at the contract's EVM address.
    const rawTo = (parsed.to?.toLowerCase() ?? null) as Address | null
    const toId = rawTo === null ? undefined : net.ledger.resolveId(rawTo)
    const to = rawTo === null ? null : (toId !== undefined ? net.ledger.evmAddressOf(toId) : undefined) ?? rawTo
    net.ledger.consensusTime = consensus
    const r = executeHederaTransaction(net.ledger, {
      type: 2, from, to, nonce: net.state.getNonce(from), gasLimit: gas, value, data, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n,
    }, blockAt(net.blockNumber + 1n, consensus.seconds))
    const payer = net.ledger.resolveId(from)!
    // Every contract has an entity id on Hedera: one deployed through the relay gets its ledger account too.
    if (r.valid && r.responseCode === ResponseCode.SUCCESS && r.createdAddress !== undefined && net.ledger.resolveId(r.createdAddress) === undefined) {
      const account = net.ledger.createAccount({ alias: r.createdAddress })
      if (account.accountId !== undefined) net.contracts.set(account.accountId, { id: account.accountId, address: r.createdAddress, adminKey: undefined, memo: '' })
    }
    let fee = 0n
    if (r.valid) {
      fee = r.gasUsed * TINYBAR_PER_GAS
      net.state.subBalance(from, fee)
      net.state.addBalance(net.addressOf(FEE_COLLECTOR) ?? '0x0000000000000000000000000000000000000062', fee)
      net.state.finalizeTransaction()
    }
    const status = r.responseCode
    const transfers = new Map<string, bigint>([[payer, -fee - (status === ResponseCode.SUCCESS ? value : 0n)], [FEE_COLLECTOR, fee]])
    const txId: proto.ITransactionID = { accountID: { shardNum: long(0), realmNum: long(0), accountNum: long(BigInt(payer.split('.')[2])) }, transactionValidStart: { seconds: long(consensus.seconds), nanos: consensus.nanos } }
    const receipt: proto.ITransactionReceipt = { status }
    const committed: CommittedTransaction = {
      index: net.transactions.length, idKey: `${payer}@eth/${hash}`, transactionId: txId, name: 'ethereumTransaction', payer, consensus, status, fee,
      hash: Uint8Array.from(Buffer.from(hash.slice(2), 'hex')), receipt,
      record: { receipt, consensusTimestamp: { seconds: long(consensus.seconds), nanos: consensus.nanos }, transactionID: txId, transactionFee: long(fee), ethereumHash: Buffer.from(hash.slice(2), 'hex') },
      evm: r.valid ? {
        contractId: to ? net.ledger.resolveId(to) : undefined, from, to, createdAddress: r.createdAddress, input: data, value, gasLimit: gas, gasUsed: r.gasUsed,
        output: r.output.slice(), logs: r.logs, success: status === ResponseCode.SUCCESS, errorMessage: status === ResponseCode.SUCCESS ? '' : String(status),
      } : undefined,
      transfers,
      ethereum: { hash, raw, nonce: BigInt(parsed.nonce ?? 0), type: parsed.type ?? 'legacy', gasPriceWei: parsed.gasPrice ?? parsed.maxFeePerGas ?? 0n, valueWei: parsed.value ?? 0n },
    }
    net.recordTransaction(committed)
  }
}
