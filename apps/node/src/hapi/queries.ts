/**
 * Queries of the consensus API. Each answer echoes the request's
 * responseType in its header (the SDK requires it); COST_ANSWER answers
 * only the cost. Paid queries are answered without charging the payment
 * (its transfer is not executed); free ones ignore it.
 */
import { proto } from '@hashgraph/proto'
import { ecdsaKeyToAlias, HEDERA_MAX_GAS_PER_TRANSACTION, type LedgerKey } from '@zvm/chain-hedera'
import { blockAt, simulateCall } from '../evm.ts'
import type { LocalNetwork } from '../network.ts'
import { timestampOf } from '../network.ts'
import { contractAddress } from './handlers/contract.ts'
import { resolveAlias } from './handlers/crypto.ts'
import { queryCost } from './fees.ts'
import { accountIdOf, entityIdOf, long, num, toAccountID, toContractID, toFileID, toTokenID, toTopicID, transactionIdKey } from './ids.ts'
import { keyToProto } from './keys.ts'

const RC = proto.ResponseCodeEnum

/** Query oneof case → Response oneof case (they differ for one). */
const RESPONSE_FIELD: Record<string, string> = { contractGetBytecode: 'contractGetBytecodeResponse' }

type Answer = { code: number; body?: Record<string, unknown>; cost?: bigint }

/** Answers a query with only a precheck code (BUSY when over the rate): the query's own response case, its response type echoed. */
export function refuseQuery(bytes: Uint8Array, code: number): Uint8Array {
  let query: proto.Query
  try {
    query = proto.Query.decode(bytes)
  } catch {
    return proto.Response.encode({ transactionGetReceipt: { header: { nodeTransactionPrecheckCode: code } } }).finish()
  }
  const field = query.query ?? 'transactionGetReceipt'
  const q = (query as unknown as Record<string, { header?: proto.IQueryHeader } | undefined>)[field]
  const header: proto.IResponseHeader = { nodeTransactionPrecheckCode: code, responseType: q?.header?.responseType ?? proto.ResponseType.ANSWER_ONLY }
  return proto.Response.encode({ [RESPONSE_FIELD[field] ?? field]: { header } } as proto.IResponse).finish()
}

export function answerQuery(net: LocalNetwork, bytes: Uint8Array): Uint8Array {
  let query: proto.Query
  try {
    query = proto.Query.decode(bytes)
  } catch {
    return proto.Response.encode({ transactionGetReceipt: { header: { nodeTransactionPrecheckCode: RC.INVALID_TRANSACTION } } }).finish()
  }
  const field = query.query
  if (field === undefined) return proto.Response.encode({ transactionGetReceipt: { header: { nodeTransactionPrecheckCode: RC.INVALID_QUERY_HEADER ?? RC.NOT_SUPPORTED } } }).finish()
  const q = (query as unknown as Record<string, { header?: proto.IQueryHeader } & Record<string, unknown>>)[field]
  const responseType = q.header?.responseType ?? proto.ResponseType.ANSWER_ONLY
  let answer: Answer
  try {
    answer = answer1(net, field, q)
  } catch (e) {
    process.stderr.write(`zvm node: query ${field} failed: ${(e as Error).stack ?? String(e)}\n`)
    answer = { code: RC.FAIL_INVALID }
  }
  const costOnly = responseType === proto.ResponseType.COST_ANSWER || responseType === proto.ResponseType.COST_ANSWER_STATE_PROOF
  const header: proto.IResponseHeader = { nodeTransactionPrecheckCode: answer.code, responseType, cost: long(answer.cost ?? 0n) }
  const body = costOnly || answer.code !== RC.OK ? {} : answer.body ?? {}
  return proto.Response.encode({ [RESPONSE_FIELD[field] ?? field]: { header, ...body } } as proto.IResponse).finish()
}

function accountRef(net: LocalNetwork, id: proto.IAccountID | null | undefined): string | undefined {
  return accountIdOf(id, (alias) => resolveAlias(net.ledger, alias))
}

function keyOrNull(key: LedgerKey | undefined): proto.IKey | null { return keyToProto(key) }

function answer1(net: LocalNetwork, field: string, q: Record<string, unknown>): Answer {
  const ledger = net.ledger
  switch (field) {
    case 'cryptogetAccountBalance': {
      const b = q as proto.ICryptoGetAccountBalanceQuery
      const ref = b.accountID ? accountRef(net, b.accountID) : entityIdOf(b.contractID as Record<string, unknown>, 'contractNum')
      const account = ref === undefined ? undefined : ledger.getAccount(ref)
      if (!account) return { code: b.contractID ? RC.INVALID_CONTRACT_ID : RC.INVALID_ACCOUNT_ID }
      const tokenBalances: proto.ITokenBalance[] = []
      for (const token of net.tokenIds()) {
        const rel = ledger.getRelation(token, account.id)
        if (rel) tokenBalances.push({ tokenId: toTokenID(token), balance: long(rel.balance), decimals: ledger.getToken(token)!.decimals })
      }
      return { code: RC.OK, body: { accountID: toAccountID(account.id), balance: long(ledger.hbarBalance(account.id)), tokenBalances } }
    }
    case 'cryptoGetInfo': {
      const b = q as proto.ICryptoGetInfoQuery
      const ref = accountRef(net, b.accountID)
      const a = ref === undefined ? undefined : ledger.getAccount(ref)
      if (!a) return { code: RC.INVALID_ACCOUNT_ID, cost: queryCost() }
      const evm = ledger.evmAddressOf(a.id)!
      return {
        code: RC.OK, cost: queryCost(), body: {
          accountInfo: {
            accountID: toAccountID(a.id), key: keyOrNull(a.key), balance: long(ledger.hbarBalance(a.id)), memo: a.memo,
            contractAccountID: evm.slice(2), maxAutomaticTokenAssociations: a.maxAutoAssociations, ethereumNonce: long(net.state.getNonce(evm)),
            alias: a.key?.kind === 'ecdsa' && ecdsaKeyToAlias(a.key.bytes) === a.alias ? proto.Key.encode(keyToProto(a.key)!).finish() : new Uint8Array(),
            expirationTime: { seconds: long(4102444800) }, autoRenewPeriod: { seconds: long(7_776_000) }, ledgerId: new Uint8Array([3]),
          },
        },
      }
    }
    case 'transactionGetReceipt': {
      const b = q as proto.ITransactionGetReceiptQuery
      const tx = b.transactionID ? net.byId.get(transactionIdKey(b.transactionID)) : undefined
      if (!tx) return { code: RC.RECEIPT_NOT_FOUND }
      return { code: RC.OK, body: { receipt: tx.receipt } }
    }
    case 'transactionGetRecord': {
      const b = q as proto.ITransactionGetRecordQuery
      const tx = b.transactionID ? net.byId.get(transactionIdKey(b.transactionID)) : undefined
      if (!tx) return { code: RC.RECORD_NOT_FOUND, cost: queryCost() }
      return { code: RC.OK, cost: queryCost(), body: { transactionRecord: tx.record } }
    }
    case 'contractCallLocal': {
      const b = q as proto.IContractCallLocalQuery
      const gas = num(b.gas)
      const cost = queryCost(gas)
      const to = contractAddress(net, b.contractID)
      if (to === undefined) return { code: RC.INVALID_CONTRACT_ID, cost }
      if (gas > HEDERA_MAX_GAS_PER_TRANSACTION) return { code: RC.MAX_GAS_LIMIT_EXCEEDED, cost }
      const payer = b.header?.payment ? payerOf(b.header.payment) : undefined
      const from = (b.senderId ? net.addressOf(accountIdOf(b.senderId) ?? '') : undefined) ?? (payer ? net.addressOf(payer) : undefined) ?? '0x0000000000000000000000000000000000000002'
      const r = simulateCall(net.ledger, { from, to, data: b.functionParameters ?? new Uint8Array(), value: 0n, gas }, blockAt(net.blockNumber + 1n, net.lastConsensus.seconds))
      const contractId = net.ledger.resolveId(to) ?? '0.0.0'
      const result: proto.IContractFunctionResult = { contractID: toContractID(contractId), contractCallResult: r.output, gasUsed: long(r.gasUsed), gas: long(gas), errorMessage: r.status === 'success' ? '' : String(r.responseCode) }
      // The network answers a failed local call as a precheck failure.
      return r.status === 'success' ? { code: RC.OK, cost, body: { functionResult: result } } : { code: r.responseCode, cost, body: { functionResult: result } }
    }
    case 'contractGetInfo': {
      const b = q as proto.IContractGetInfoQuery
      const id = entityIdOf(b.contractID as Record<string, unknown>, 'contractNum')
      const meta = id === undefined ? undefined : net.contracts.get(id)
      if (!meta) return { code: RC.INVALID_CONTRACT_ID, cost: queryCost() }
      return {
        code: RC.OK, cost: queryCost(), body: {
          contractInfo: {
            contractID: toContractID(meta.id), accountID: toAccountID(meta.id), contractAccountID: meta.address.slice(2), adminKey: keyOrNull(meta.adminKey),
            memo: meta.memo, balance: long(ledger.hbarBalance(meta.id)), storage: long(0), expirationTime: { seconds: long(4102444800) },
            autoRenewPeriod: { seconds: long(7_776_000) }, ledgerId: new Uint8Array([3]),
          },
        },
      }
    }
    case 'contractGetBytecode': {
      const b = q as proto.IContractGetBytecodeQuery
      const address = contractAddress(net, b.contractID)
      if (address === undefined) return { code: RC.INVALID_CONTRACT_ID, cost: queryCost() }
      return { code: RC.OK, cost: queryCost(), body: { bytecode: net.state.getCode(address) } }
    }
    case 'fileGetContents': {
      const b = q as proto.IFileGetContentsQuery
      const id = entityIdOf(b.fileID as Record<string, unknown>, 'fileNum')
      const file = id === undefined ? undefined : net.files.get(id)
      if (!file) return { code: RC.INVALID_FILE_ID, cost: queryCost() }
      if (file.deleted) return { code: RC.FILE_DELETED, cost: queryCost() }
      return { code: RC.OK, cost: queryCost(), body: { fileContents: { fileID: toFileID(file.id), contents: file.contents } } }
    }
    case 'tokenGetInfo': {
      const b = q as proto.ITokenGetInfoQuery
      const id = entityIdOf(b.token as Record<string, unknown>, 'tokenNum')
      const t = id === undefined ? undefined : ledger.getToken(id)
      if (!t) return { code: RC.INVALID_TOKEN_ID, cost: queryCost() }
      const k = t.keys
      return {
        code: RC.OK, cost: queryCost(), body: {
          tokenInfo: {
            tokenId: toTokenID(t.id), name: t.name, symbol: t.symbol, decimals: t.decimals, totalSupply: long(t.totalSupply), treasury: toAccountID(t.treasury),
            adminKey: keyOrNull(k.admin), kycKey: keyOrNull(k.kyc), freezeKey: keyOrNull(k.freeze), wipeKey: keyOrNull(k.wipe), supplyKey: keyOrNull(k.supply),
            feeScheduleKey: keyOrNull(k.feeSchedule), pauseKey: keyOrNull(k.pause),
            defaultFreezeStatus: k.freeze === undefined ? proto.TokenFreezeStatus.FreezeNotApplicable : t.freezeDefault ? proto.TokenFreezeStatus.Frozen : proto.TokenFreezeStatus.Unfrozen,
            defaultKycStatus: k.kyc === undefined ? proto.TokenKycStatus.KycNotApplicable : proto.TokenKycStatus.Revoked,
            deleted: t.deleted, memo: t.memo, tokenType: t.type === 'nonFungible' ? proto.TokenType.NON_FUNGIBLE_UNIQUE : proto.TokenType.FUNGIBLE_COMMON,
            supplyType: t.supplyType === 'finite' ? proto.TokenSupplyType.FINITE : proto.TokenSupplyType.INFINITE, maxSupply: long(t.maxSupply),
            expiry: { seconds: long(t.expiry) }, autoRenewPeriod: { seconds: long(t.autoRenewPeriod) },
            pauseStatus: k.pause === undefined ? proto.TokenPauseStatus.PauseNotApplicable : t.paused ? proto.TokenPauseStatus.Paused : proto.TokenPauseStatus.Unpaused,
            ledgerId: new Uint8Array([3]),
          },
        },
      }
    }
    case 'tokenGetNftInfo': {
      const b = q as proto.ITokenGetNftInfoQuery
      const token = entityIdOf(b.nftID?.token_ID as Record<string, unknown>, 'tokenNum')
      const serial = num(b.nftID?.serialNumber)
      const nft = token === undefined ? undefined : ledger.getNft(token, serial)
      if (!nft) return { code: RC.INVALID_NFT_ID, cost: queryCost() }
      return {
        code: RC.OK, cost: queryCost(), body: {
          nft: { nftID: b.nftID, accountID: toAccountID(nft.owner), metadata: nft.metadata, creationTime: timestampOf(net.lastConsensus), ledgerId: new Uint8Array([3]), ...(nft.spender ? { spenderId: toAccountID(nft.spender) } : {}) },
        },
      }
    }
    case 'consensusGetTopicInfo': {
      const b = q as proto.IConsensusGetTopicInfoQuery
      const id = entityIdOf(b.topicID as Record<string, unknown>, 'topicNum')
      const t = id === undefined ? undefined : ledger.getTopic(id)
      if (!t) return { code: RC.INVALID_TOPIC_ID, cost: queryCost() }
      if (t.deleted) return { code: RC.INVALID_TOPIC_ID, cost: queryCost() }
      return {
        code: RC.OK, cost: queryCost(), body: {
          topicID: toTopicID(t.id),
          topicInfo: {
            memo: t.memo, runningHash: t.runningHash, sequenceNumber: long(t.sequenceNumber), expirationTime: { seconds: long(t.expiry) },
            adminKey: keyOrNull(t.adminKey), submitKey: keyOrNull(t.submitKey), autoRenewPeriod: { seconds: long(7_776_000) }, ledgerId: new Uint8Array([3]),
            ...(t.autoRenewAccount ? { autoRenewAccount: toAccountID(t.autoRenewAccount) } : {}),
          },
        },
      }
    }
    case 'networkGetVersionInfo':
      return { code: RC.OK, body: { hapiProtoVersion: { major: 0, minor: 66, patch: 0 }, hederaServicesVersion: { major: 0, minor: 66, patch: 0 } } }
    default:
      return { code: RC.NOT_SUPPORTED }
  }
}

function payerOf(payment: proto.ITransaction): string | undefined {
  try {
    const signed = payment.signedTransactionBytes && payment.signedTransactionBytes.length > 0 ? proto.SignedTransaction.decode(payment.signedTransactionBytes).bodyBytes : payment.bodyBytes
    return signed ? accountIdOf(proto.TransactionBody.decode(signed).transactionID?.accountID) : undefined
  } catch {
    return undefined
  }
}
