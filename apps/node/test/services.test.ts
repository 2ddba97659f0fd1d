/**
 * The rest of each service through the SDK — token freeze, KYC, pause,
 * wipe, burn, update, dissociate, delete and infos; files and their
 * contents; contract info and bytecode, a contract from initcode; topic
 * update, info and delete; account info — and the mirror REST endpoints
 * that read them. Each step checks the network's answer and the state.
 */
import {
  AccountCreateTransaction, AccountInfoQuery, Client, ContractByteCodeQuery, ContractCreateTransaction, ContractFunctionParameters, ContractInfoQuery,
  FileAppendTransaction, FileContentsQuery, FileCreateTransaction, FileDeleteTransaction, Hbar, PrivateKey, Status, TokenAssociateTransaction,
  TokenBurnTransaction, TokenCreateTransaction, TokenDeleteTransaction, TokenDissociateTransaction, TokenFreezeTransaction, TokenGrantKycTransaction,
  TokenInfoQuery, TokenPauseTransaction, TokenUnfreezeTransaction, TokenUnpauseTransaction, TokenUpdateTransaction, TokenWipeTransaction,
  TopicDeleteTransaction, TopicInfoQuery, TopicUpdateTransaction, TopicCreateTransaction, TransferTransaction, ContractExecuteTransaction,
  type AccountId, type TokenId, type Transaction,
} from '@hashgraph/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode, type RunningNode } from '../src/index.ts'
import { compileStore } from './solc.ts'

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
