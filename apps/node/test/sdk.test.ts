/**
 * The unmodified @hashgraph/sdk against the node started in this process
 * (free ports): accounts, HBAR, fungible and non-fungible tokens, a
 * solc-compiled contract through ContractCreateFlow, HCS messages read
 * back through the mirror REST. Few round trips: each step checks what the
 * network answered, records included.
 */
import {
  AccountBalanceQuery, AccountCreateTransaction, AccountId, ContractCallQuery, ContractCreateFlow, ContractExecuteTransaction, ContractFunctionParameters,
  Client, Hbar, PrivateKey, TokenAssociateTransaction, TokenCreateTransaction, TokenMintTransaction, TokenNftInfoQuery, TokenType, NftId,
  TopicCreateTransaction, TopicMessageSubmitTransaction, TransferTransaction, TokenSupplyType, Status,
} from '@hashgraph/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode, type RunningNode } from '../src/index.ts'
import { compileStore } from './solc.ts'

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
