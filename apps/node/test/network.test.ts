/**
 * The unmodified @hashgraph/sdk (and raw gRPC for hostile requests) against
 * nodes started in this process on free ports. One file, so the SDK and solc
 * load once. Each part says what it covers:
 *
 * - The SDK: accounts, HBAR, fungible and non-fungible tokens, a
 * solc-compiled contract through ContractCreateFlow, HCS messages read
 * back through the mirror REST. Few round trips: each step checks what the
 * network answered, records included.
 *
 * - The rest of each service through the SDK — token freeze, KYC, pause,
 * wipe, burn, update, dissociate, delete and infos; files and their
 * contents; contract info and bytecode, a contract from initcode; topic
 * update, info and delete; account info — and the mirror REST endpoints
 * that read them. Each step checks the network's answer and the state.
 *
 * - Hostile requests to the consensus API, sent as raw gRPC calls: each gets
 * the network's status code, nothing changes, and the node keeps serving.
 */
import {
  AccountBalanceQuery, AccountCreateTransaction, AccountId, AccountInfoQuery, Client, ContractByteCodeQuery, ContractCallQuery,
  ContractCreateFlow, ContractCreateTransaction, ContractExecuteTransaction, ContractFunctionParameters, ContractInfoQuery, FileAppendTransaction,
  FileContentsQuery, FileCreateTransaction, MirrorNodeContractCallQuery, MirrorNodeContractEstimateQuery, FileDeleteTransaction, Hbar, NftId, PrivateKey, Status, Timestamp, TokenAssociateTransaction,
  TokenBurnTransaction, TokenCreateTransaction, TokenDeleteTransaction, TokenDissociateTransaction, TokenFreezeTransaction, TokenGrantKycTransaction,
  type TokenId, TokenInfoQuery, TokenMintTransaction, TokenNftInfoQuery, TokenPauseTransaction, TokenSupplyType, TokenType, TokenUnfreezeTransaction,
  TokenUnpauseTransaction, TokenUpdateTransaction, TokenWipeTransaction, TopicCreateTransaction, TopicDeleteTransaction, TopicInfoQuery,
  TopicMessageSubmitTransaction, TopicUpdateTransaction, type Transaction, TransactionId, TransferTransaction,
} from '@hashgraph/sdk'
import { Client as GrpcClient, credentials } from '@grpc/grpc-js'
import { proto } from '@hashgraph/proto'
import Long from 'long'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode, type RunningNode } from '../src/index.ts'
import { compileStore } from './solc.ts'

describe('the SDK: accounts, tokens, contracts, topics', () => {
  let node: RunningNode
  let client: Client

  beforeAll(async () => {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2 })
    client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    client.setOperator('0.0.2', PrivateKey.fromStringED25519(OPERATOR_KEY))
  })

  afterAll(async () => {
    client?.close()
    await node?.close()
  })

  describe('the SDK against zvm node', () => {
    const aliceKey = PrivateKey.generateED25519()
    let alice: AccountId

    it('creates an account, transfers HBAR, and reads balances and the record', async () => {
      const created = await (await new AccountCreateTransaction().setKey(aliceKey.publicKey).setInitialBalance(new Hbar(10)).execute(client)).getReceipt(client)
      expect(created.status).toBe(Status.Success)
      alice = created.accountId!
      const response = await new TransferTransaction().addHbarTransfer('0.0.2', new Hbar(-1)).addHbarTransfer(alice, new Hbar(1)).execute(client)
      const record = await response.getRecord(client)
      expect(record.receipt.status).toBe(Status.Success)
      expect(record.consensusTimestamp.toDate().getTime()).toBeGreaterThan(0)
      expect(record.transactionFee.toTinybars().toNumber()).toBeGreaterThan(0)
      const transfers = new Map(record.transfers.map((t) => [t.accountId.toString(), t.amount.toTinybars().toNumber()]))
      expect(transfers.get(alice.toString())).toBe(100_000_000)
      expect(transfers.get('0.0.2')).toBe(-100_000_000 - record.transactionFee.toTinybars().toNumber())
      const balance = await new AccountBalanceQuery().setAccountId(alice).execute(client)
      expect(balance.hbars.toTinybars().toNumber()).toBe(11 * 100_000_000)
    })

    it('creates a fungible token and an NFT collection, associates, mints and transfers', async () => {
      const operatorKey = PrivateKey.fromStringED25519(OPERATOR_KEY)
      const ft = await (await new TokenCreateTransaction().setTokenName('Gold').setTokenSymbol('AU').setDecimals(2).setInitialSupply(1000)
        .setTreasuryAccountId('0.0.2').setSupplyKey(operatorKey.publicKey).setAdminKey(operatorKey.publicKey).execute(client)).getReceipt(client)
      const nft = await (await new TokenCreateTransaction().setTokenName('Art').setTokenSymbol('ART').setTokenType(TokenType.NonFungibleUnique)
        .setSupplyType(TokenSupplyType.Finite).setMaxSupply(10).setTreasuryAccountId('0.0.2').setSupplyKey(operatorKey.publicKey).execute(client)).getReceipt(client)
      const associate = await new TokenAssociateTransaction().setAccountId(alice).setTokenIds([ft.tokenId!, nft.tokenId!]).freezeWith(client).sign(aliceKey)
      expect((await (await associate.execute(client)).getReceipt(client)).status).toBe(Status.Success)
      const minted = await (await new TokenMintTransaction().setTokenId(nft.tokenId!).setMetadata([Buffer.from('one'), Buffer.from('two')]).execute(client)).getReceipt(client)
      expect(minted.serials.map((s) => s.toNumber())).toEqual([1, 2])
      const sent = await (await new TransferTransaction().addTokenTransfer(ft.tokenId!, '0.0.2', -250).addTokenTransfer(ft.tokenId!, alice, 250)
        .addNftTransfer(nft.tokenId!, 2, '0.0.2', alice).execute(client)).getRecord(client)
      expect(sent.tokenTransfers.get(ft.tokenId!)?.get(alice.toString())?.toNumber()).toBe(250)
      const balance = await new AccountBalanceQuery().setAccountId(alice).execute(client)
      expect(balance.tokens?.get(ft.tokenId!)?.toNumber()).toBe(250)
      expect(balance.tokens?.get(nft.tokenId!)?.toNumber()).toBe(1)
      const [info] = await new TokenNftInfoQuery().setNftId(new NftId(nft.tokenId!, 2)).execute(client)
      expect(info.accountId.toString()).toBe(alice.toString())
      expect(Buffer.from(info.metadata!).toString()).toBe('two')
      // Without alice's signature the association is refused, and nothing changes.
      const unsigned = new TokenAssociateTransaction().setAccountId(alice).setTokenIds([ft.tokenId!])
      await expect((await unsigned.execute(client)).getReceipt(client)).rejects.toThrow(/INVALID_SIGNATURE/)
    })

    it('deploys a solc-compiled contract with ContractCreateFlow, executes it, reads its record, logs and a local call', async () => {
      const { bytecode } = compileStore()
      const created = await (await new ContractCreateFlow().setBytecode(bytecode.slice(2)).setGas(1_000_000)
        .setConstructorParameters(new ContractFunctionParameters().addUint256(7)).execute(client)).getReceipt(client)
      const contractId = created.contractId!
      const executed = await (await new ContractExecuteTransaction().setContractId(contractId).setGas(100_000)
        .setFunction('set', new ContractFunctionParameters().addUint256(42)).execute(client)).getRecord(client)
      const result = executed.contractFunctionResult!
      expect(result.gasUsed.toNumber()).toBeGreaterThan(21_000)
      expect(result.logs).toHaveLength(1)
      expect(Buffer.from(result.logs[0].data).readBigUInt64BE(24)).toBe(42n)
      const call = await new ContractCallQuery().setContractId(contractId).setGas(50_000).setFunction('value').execute(client)
      expect(call.getUint256(0).toNumber()).toBe(42)
      const reverted = new ContractExecuteTransaction().setContractId(contractId).setGas(50_000).setFunction('fail')
      await expect((await reverted.execute(client)).getReceipt(client)).rejects.toThrow(/CONTRACT_REVERT_EXECUTED/)
      // The mirror's contract call answers from the same state.
      const mirror = await fetch(`http://127.0.0.1:${node.ports.mirror}/api/v1/contracts/call`, {
        method: 'POST', body: JSON.stringify({ to: contractId.toSolidityAddress(), data: '3fa4f245' }),
      })
      expect(BigInt(((await mirror.json()) as { result: string }).result)).toBe(42n)
    })

    it('creates a topic, submits messages, and reads them back through the mirror REST', async () => {
      const topic = (await (await new TopicCreateTransaction().setTopicMemo('news').execute(client)).getReceipt(client)).topicId!
      const first = await (await new TopicMessageSubmitTransaction().setTopicId(topic).setMessage('hello').execute(client)).getReceipt(client)
      expect(first.topicSequenceNumber?.toNumber()).toBe(1)
      expect(first.topicRunningHash?.length).toBe(48)
      await (await new TopicMessageSubmitTransaction().setTopicId(topic).setMessage('world').execute(client)).getReceipt(client)
      const res = await fetch(`http://127.0.0.1:${node.ports.mirror}/api/v1/topics/${topic.toString()}/messages`)
      const body = (await res.json()) as { messages: Array<{ sequence_number: number; message: string }> }
      expect(body.messages.map((m) => [m.sequence_number, Buffer.from(m.message, 'base64').toString()])).toEqual([[1, 'hello'], [2, 'world']])
    })
  })
})

describe('the SDK: every other operation, and the mirror', () => {
  let node: RunningNode
  let client: Client
  const op = PrivateKey.fromStringED25519(OPERATOR_KEY)

  beforeAll(async () => {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 })
    client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    client.setOperator('0.0.2', op)
  })
  afterAll(async () => {
    client?.close()
    await node?.close()
  })

  /** Executes and answers the receipt's status name (a failed receipt's status instead of a throw). */
  async function status(tx: Transaction): Promise<string> {
    try {
      return (await (await tx.execute(client)).getReceipt(client)).status.toString()
    } catch (e) {
      const s = (e as { status?: Status }).status
      if (s === undefined) throw e
      return s.toString()
    }
  }

  const mirror = async (path: string): Promise<Record<string, unknown>> => (await fetch(`http://127.0.0.1:${node.ports.mirror}/api/v1${path}`)).json() as Promise<Record<string, unknown>>

  describe('the other token, file, contract, topic and account operations', () => {
    let alice: AccountId
    const aliceKey = PrivateKey.generateECDSA()
    let token: TokenId

    it('freezes, grants KYC, pauses, wipes, burns, updates, dissociates and deletes a token', async () => {
      alice = (await (await new AccountCreateTransaction().setKey(aliceKey.publicKey).setInitialBalance(new Hbar(5)).execute(client)).getReceipt(client)).accountId!
      token = (await (await new TokenCreateTransaction().setTokenName('Silver').setTokenSymbol('AG').setInitialSupply(1000).setTreasuryAccountId('0.0.2')
        .setAdminKey(op.publicKey).setSupplyKey(op.publicKey).setFreezeKey(op.publicKey).setKycKey(op.publicKey).setWipeKey(op.publicKey).setPauseKey(op.publicKey)
        .execute(client)).getReceipt(client)).tokenId!
      const send = (n: number) => new TransferTransaction().addTokenTransfer(token, '0.0.2', -n).addTokenTransfer(token, alice, n)
      expect(await status(await new TokenAssociateTransaction().setAccountId(alice).setTokenIds([token]).freezeWith(client).sign(aliceKey))).toBe('SUCCESS')
      expect(await status(send(10))).toBe('ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN')
      expect(await status(new TokenGrantKycTransaction().setTokenId(token).setAccountId(alice))).toBe('SUCCESS')
      expect(await status(new TokenFreezeTransaction().setTokenId(token).setAccountId(alice))).toBe('SUCCESS')
      expect(await status(send(10))).toBe('ACCOUNT_FROZEN_FOR_TOKEN')
      expect(await status(new TokenUnfreezeTransaction().setTokenId(token).setAccountId(alice))).toBe('SUCCESS')
      expect(await status(new TokenPauseTransaction().setTokenId(token))).toBe('SUCCESS')
      expect(await status(send(10))).toBe('TOKEN_IS_PAUSED')
      expect(await status(new TokenUnpauseTransaction().setTokenId(token))).toBe('SUCCESS')
      expect(await status(send(100))).toBe('SUCCESS')
      expect(await status(new TokenWipeTransaction().setTokenId(token).setAccountId(alice).setAmount(30))).toBe('SUCCESS')
      expect(await status(new TokenBurnTransaction().setTokenId(token).setAmount(70))).toBe('SUCCESS')
      expect(await status(new TokenUpdateTransaction().setTokenId(token).setTokenName('Sterling'))).toBe('SUCCESS')
      const info = await new TokenInfoQuery().setTokenId(token).execute(client)
      expect([info.name, info.symbol, info.totalSupply.toNumber(), info.treasuryAccountId?.toString()]).toEqual(['Sterling', 'AG', 900, '0.0.2'])
      expect(node.network.ledger.balanceOf(token.toString(), alice.toString())).toBe(70n)
      // Dissociating needs a zero balance first.
      const dissociate = async () => new TokenDissociateTransaction().setAccountId(alice).setTokenIds([token]).freezeWith(client).sign(aliceKey)
      expect(await status(await dissociate())).toBe('TRANSACTION_REQUIRES_ZERO_TOKEN_BALANCES')
      expect(await status(new TokenWipeTransaction().setTokenId(token).setAccountId(alice).setAmount(70))).toBe('SUCCESS')
      expect(await status(await dissociate())).toBe('SUCCESS')
      expect(await status(new TokenDeleteTransaction().setTokenId(token))).toBe('SUCCESS')
      expect(await status(new TokenBurnTransaction().setTokenId(token).setAmount(1))).toBe('TOKEN_WAS_DELETED')
      const m = await mirror(`/tokens/${token.toString()}`)
      expect([m.name, m.total_supply, m.deleted]).toEqual(['Sterling', '830', true])
    })

    it('creates, appends, reads and deletes a file; creates a contract from initcode and reads its info and bytecode', async () => {
      const file = (await (await new FileCreateTransaction().setKeys([op.publicKey]).setContents('hello ').execute(client)).getReceipt(client)).fileId!
      expect(await status(new FileAppendTransaction().setFileId(file).setContents('world'))).toBe('SUCCESS')
      expect(Buffer.from(await new FileContentsQuery().setFileId(file).execute(client)).toString()).toBe('hello world')
      expect(await status(new FileDeleteTransaction().setFileId(file))).toBe('SUCCESS')
      await expect(new FileContentsQuery().setFileId(file).execute(client)).rejects.toThrow(/FILE_DELETED/)

      const { bytecode } = compileStore()
      const contract = (await (await new ContractCreateTransaction().setBytecode(Buffer.from(bytecode.slice(2), 'hex')).setGas(500_000).setAdminKey(op.publicKey)
        .setConstructorParameters(new ContractFunctionParameters().addUint256(3)).setContractMemo('store').execute(client)).getReceipt(client)).contractId!
      const info = await new ContractInfoQuery().setContractId(contract).execute(client)
      expect([info.contractMemo, info.contractId.toString()]).toEqual(['store', contract.toString()])
      const address = node.network.ledger.evmAddressOf(contract.toString())!
      expect(Buffer.from(await new ContractByteCodeQuery().setContractId(contract).execute(client))).toEqual(Buffer.from(node.network.state.getCode(address)))
      expect(await status(new ContractExecuteTransaction().setContractId(contract).setGas(100_000).setFunction('set', new ContractFunctionParameters().addUint256(8)))).toBe('SUCCESS')

      // The mirror: the contract's results and logs, a call, an estimate, and a revert in the mirror's error shape.
      const results = (await mirror(`/contracts/${contract.toString()}/results`)).results as Array<{ function_parameters: string; status: string }>
      expect(results.map((r) => r.status)).toEqual(['0x1', '0x1'])
      const logs = (await mirror(`/contracts/${contract.toString()}/results/logs`)).logs as Array<{ data: string }>
      expect(logs.map((l) => BigInt(l.data))).toEqual([8n])
      const post = async (body: object) => {
        const res = await fetch(`http://127.0.0.1:${node.ports.web3}/api/v1/contracts/call`, { method: 'POST', body: JSON.stringify(body) })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      }
      expect(BigInt((await post({ to: address, data: '0x3fa4f245' })).body.result as string)).toBe(8n)
      const estimate = BigInt((await post({ to: address, data: '0x60fe47b10000000000000000000000000000000000000000000000000000000000000009', estimate: true })).body.result as string)
      expect(estimate).toBeGreaterThan(21_000n)
      expect(estimate).toBeLessThan(100_000n)
      const reverted = await post({ to: address, data: '0xa9cc4718' })
      expect(reverted.status).toBe(400)
      expect(reverted.body).toMatchObject({ _status: { messages: [{ message: 'CONTRACT_REVERT_EXECUTED', detail: 'nope' }] } })
      expect((await post({ to: address, data: 'zz' })).status).toBe(400)
      for (const hostile of [{ to: address, gas: -1 }, { to: address, value: 'x' }, { to: 12, data: '0x' }, { from: {}, to: address }]) expect((await post(hostile)).status).toBe(400)

      // The SDK's own mirror queries: for a 127.0.0.1 mirror it posts to port 8545, sent here to this node's web3 port.
      const realFetch = globalThis.fetch
      globalThis.fetch = ((url: string | URL | Request, init?: RequestInit) => realFetch(String(url).replace('127.0.0.1:8545', `127.0.0.1:${node.ports.web3}`), init)) as typeof fetch
      try {
        client.setMirrorNetwork(['127.0.0.1:5600'])
        const call = await new MirrorNodeContractCallQuery().setContractId(contract).setFunction('value', new ContractFunctionParameters()).execute(client)
        expect(BigInt(call)).toBe(8n)
        const gas = await new MirrorNodeContractEstimateQuery().setContractId(contract).setFunction('set', new ContractFunctionParameters().addUint256(5)).execute(client)
        expect(gas).toBeGreaterThan(21_000)
        expect(gas).toBeLessThan(100_000)
      } finally {
        globalThis.fetch = realFetch
      }
    })

    it('updates, reads and deletes a topic; reads account info and the mirror account, balance and transaction', async () => {
      const topic = (await (await new TopicCreateTransaction().setAdminKey(op.publicKey).setTopicMemo('a').execute(client)).getReceipt(client)).topicId!
      expect(await status(new TopicUpdateTransaction().setTopicId(topic).setTopicMemo('b'))).toBe('SUCCESS')
      expect((await new TopicInfoQuery().setTopicId(topic).execute(client)).topicMemo).toBe('b')
      expect(await status(new TopicDeleteTransaction().setTopicId(topic))).toBe('SUCCESS')
      await expect(new TopicInfoQuery().setTopicId(topic).execute(client)).rejects.toThrow(/INVALID_TOPIC_ID/)

      const info = await new AccountInfoQuery().setAccountId(alice).execute(client)
      expect(info.key.toString()).toBe(aliceKey.publicKey.toString())
      expect(info.balance.toTinybars().toNumber()).toBe(5 * 100_000_000)
      const account = await mirror(`/accounts/${alice.toString()}`)
      expect((account.balance as { balance: number }).balance).toBe(5 * 100_000_000)
      const balances = (await mirror(`/balances?account.id=${alice.toString()}`)).balances as Array<{ account: string; balance: number }>
      expect(balances).toEqual([expect.objectContaining({ account: alice.toString(), balance: 5 * 100_000_000 })])
      const response = await new TransferTransaction().addHbarTransfer('0.0.2', Hbar.fromTinybars(-7)).addHbarTransfer(alice, Hbar.fromTinybars(7)).execute(client)
      await response.getReceipt(client)
      const [id, rest] = response.transactionId.toString().split('@')
      const tx = ((await mirror(`/transactions/${id}-${rest.replace('.', '-')}`)).transactions as Array<{ result: string; name: string; transfers: Array<{ account: string; amount: number }> }>)[0]
      expect([tx.result, tx.name]).toEqual(['SUCCESS', 'CRYPTOTRANSFER'])
      expect(tx.transfers).toContainEqual({ account: alice.toString(), amount: 7, is_approval: false })
    })
  })
})

describe('hostile requests over raw gRPC', () => {
  const RC = proto.ResponseCodeEnum
  const operatorKey = PrivateKey.fromStringED25519(OPERATOR_KEY)
  let node: RunningNode
  let grpc: GrpcClient

  beforeAll(async () => {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 })
    grpc = new GrpcClient(`127.0.0.1:${node.ports.grpc}`, credentials.createInsecure())
  })
  afterAll(async () => {
    grpc?.close()
    await node?.close()
  })

  function call(path: string, bytes: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      grpc.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(bytes), (err, res) => (err ? reject(err) : resolve(res!)))
    })
  }

  async function submit(bytes: Uint8Array): Promise<number> {
    return proto.TransactionResponse.decode(await call('/proto.CryptoService/cryptoTransfer', bytes)).nodeTransactionPrecheckCode
  }

  /** The single Transaction inside the SDK's TransactionList bytes. */
  function wire(tx: Transaction): Uint8Array {
    return proto.Transaction.encode(proto.TransactionList.decode(tx.toBytes()).transactionList[0]).finish()
  }

  async function transfer(options: { node?: number; start?: Date; payer?: string; key?: PrivateKey; maxFee?: Hbar; memo?: string } = {}): Promise<Uint8Array> {
    const payer = options.payer ?? '0.0.2'
    const id = options.start ? TransactionId.withValidStart(AccountId.fromString(payer), Timestamp.fromDate(options.start)) : TransactionId.generate(payer)
    const tx = new TransferTransaction().addHbarTransfer(payer, -1).addHbarTransfer('0.0.3', 1).setNodeAccountIds([new AccountId(options.node ?? 3)])
      .setTransactionId(id).setTransactionMemo(options.memo ?? '')
    if (options.maxFee) tx.setMaxTransactionFee(options.maxFee)
    return wire(await tx.freeze().sign(options.key ?? operatorKey))
  }

  describe('hostile transactions get their status and change nothing', () => {
    it('answers each with the network code, leaves balances and history untouched, and keeps serving', async () => {
      const before = { balance: node.network.ledger.hbarBalance('0.0.2'), count: node.network.transactions.length }
      const flipped = await transfer()
      const signed = proto.SignedTransaction.decode(proto.Transaction.decode(flipped).signedTransactionBytes)
      signed.sigMap!.sigPair![0].ed25519![5] ^= 1
      const cases: Array<[string, Uint8Array, number]> = [
        ['garbage bytes', Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 0x12]), RC.INVALID_TRANSACTION],
        ['oversized payload', new Uint8Array(7000).fill(0x0a), RC.TRANSACTION_OVERSIZE],
        ['garbage body', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode({ bodyBytes: Uint8Array.from([0x0a, 0x05, 0xff]) }).finish() }).finish(), RC.INVALID_TRANSACTION_BODY],
        ['wrong node', await transfer({ node: 4 }), RC.INVALID_NODE_ACCOUNT],
        ['signed by another key', await transfer({ key: PrivateKey.generateED25519() }), RC.INVALID_SIGNATURE],
        ['signed by an ECDSA key', await transfer({ key: PrivateKey.generateECDSA() }), RC.INVALID_SIGNATURE],
        ['a corrupted signature', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode(signed).finish() }).finish(), RC.INVALID_SIGNATURE],
        ['expired', await transfer({ start: new Date(Date.now() - 200_000) }), RC.TRANSACTION_EXPIRED],
        ['valid start in the future', await transfer({ start: new Date(Date.now() + 60_000) }), RC.INVALID_TRANSACTION_START],
        ['unknown payer', await transfer({ payer: '0.0.99999' }), RC.PAYER_ACCOUNT_NOT_FOUND],
        ['fee offered too low', await transfer({ maxFee: Hbar.fromTinybars(1) }), RC.INSUFFICIENT_TX_FEE],
        ['memo too long', await transfer({ memo: 'x'.repeat(101) }), RC.MEMO_TOO_LONG],
      ]
      // A payer that cannot cover the fee, and a transaction type this node does not run.
      const poorKey = PrivateKey.generateED25519()
      const poor = node.network.ledger.createAccount({ key: { kind: 'ed25519', bytes: poorKey.publicKey.toBytesRaw() }, initialBalance: 10n }).accountId!
      cases.push(['payer balance below the fee', await transfer({ payer: poor, key: poorKey }), RC.INSUFFICIENT_PAYER_BALANCE])
      const body = proto.TransactionBody.encode({
        transactionID: { accountID: { accountNum: Long.fromNumber(2) }, transactionValidStart: { seconds: Long.fromNumber(Math.floor(Date.now() / 1000) - 5), nanos: 0 } },
        nodeAccountID: { accountNum: Long.fromNumber(3) }, transactionValidDuration: { seconds: Long.fromNumber(120) }, transactionFee: Long.fromNumber(1e9), cryptoDelete: {},
      }).finish()
      const sig = await operatorKey.sign(body)
      cases.push(['an unsupported transaction type', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode({ bodyBytes: body, sigMap: { sigPair: [{ pubKeyPrefix: operatorKey.publicKey.toBytesRaw(), ed25519: sig }] } }).finish() }).finish(), RC.NOT_SUPPORTED])
      const snapshot = (): string => JSON.stringify(node.network.ledger.snapshot(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))
      const ledgerBefore = snapshot()
      for (const [name, bytes, code] of cases) expect([name, await submit(bytes)]).toEqual([name, code])
      expect(snapshot()).toBe(ledgerBefore)
      expect(node.network.ledger.hbarBalance('0.0.2')).toBe(before.balance)
      expect(node.network.transactions.length).toBe(before.count)
      expect(node.network.ledger.hbarBalance(poor)).toBe(10n)

      const good = await transfer()
      expect(await submit(good)).toBe(RC.OK)
      expect(await submit(good)).toBe(RC.DUPLICATE_TRANSACTION)
      expect(node.network.transactions.length).toBe(before.count + 1)
    })

    it('answers a garbage query with a status, and a receipt for an unknown id with RECEIPT_NOT_FOUND', async () => {
      const garbage = proto.Response.decode(await call('/proto.CryptoService/getTransactionReceipts', Uint8Array.from([0x0a, 0xff, 0xff])))
      expect(garbage.transactionGetReceipt?.header?.nodeTransactionPrecheckCode).toBe(RC.INVALID_TRANSACTION)
      const query = proto.Query.encode({ transactionGetReceipt: { header: {}, transactionID: { accountID: { accountNum: Long.fromNumber(2) }, transactionValidStart: { seconds: Long.fromNumber(1), nanos: 0 } } } }).finish()
      const unknown = proto.Response.decode(await call('/proto.CryptoService/getTransactionReceipts', query))
      expect(unknown.transactionGetReceipt?.header?.nodeTransactionPrecheckCode).toBe(RC.RECEIPT_NOT_FOUND)
    })
  })
})
