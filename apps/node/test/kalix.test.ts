/**
 * KALIX (ZVMC) contracts on the node through the unmodified @hashgraph/sdk:
 * runtime-kalix's test contracts (ZVM assembly, read from
 * packages/runtime-kalix/test/contracts and assembled here) deployed with
 * ContractCreateFlow, called, queried, estimated and listed by the mirror; a
 * vault whose HTS syscalls move tokens of the node's ledger. One node.
 */
import {
  Client, ContractCallQuery, ContractCreateFlow, ContractCreateTransaction, ContractExecuteTransaction,
  PrivateKey, Status, TokenCreateTransaction, type ContractId, type TransactionResponse,
} from '@hashgraph/sdk'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assembleZvmc } from '@zvm/bytecode'
import { decodeValues, encodeValues, kalixEventTopic } from '@zvm/runtime-kalix'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode, type RunningNode } from '../src/index.ts'

const CONTRACTS = join(import.meta.dirname, '..', '..', '..', 'packages', 'runtime-kalix', 'test', 'contracts')
const zvmc = (name: string): Uint8Array =>
  assembleZvmc(readFileSync(join(CONTRACTS, `${name}.zasm`), 'utf8'), { abi: JSON.parse(readFileSync(join(CONTRACTS, `${name}.abi.json`), 'utf8')) })
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const selector = (name: string, fn: string): Uint8Array => {
  const abi = JSON.parse(readFileSync(join(CONTRACTS, `${name}.abi.json`), 'utf8')) as { functions: { name: string; selector: string }[] }
  return Uint8Array.from(Buffer.from(abi.functions.find((f) => f.name === fn)!.selector.slice(2), 'hex'))
}
/** The record even for a failed receipt. */
const recordOf = async (tx: { execute(c: Client): Promise<TransactionResponse> }, client: Client) =>
  (await tx.execute(client)).getRecordQuery(client).setValidateReceiptStatus(false).execute(client)
const calldata = (name: string, fn: string, types: string[] = [], args: unknown[] = []): Uint8Array => Buffer.concat([selector(name, fn), encodeValues(types, args)])

describe('KALIX contracts on zvm node', () => {
  let node: RunningNode
  let client: Client
  let token: ContractId
  let tokenAddress: string
  let mirror: string
  const operator = '0x0000000000000000000000000000000000000002'
  const data = mkdtempSync(join(tmpdir(), 'zvm-node-kalix-'))

  async function start(): Promise<void> {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0, data })
    client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    client.setOperator('0.0.2', PrivateKey.fromStringED25519(OPERATOR_KEY))
    mirror = `http://127.0.0.1:${node.ports.mirror}`
  }

  beforeAll(start)

  afterAll(async () => {
    client?.close()
    await node?.close()
    rmSync(data, { recursive: true, force: true })
  })

  it('deploys a ZVMC container through the file service; the constructor runs; the container is the code', async () => {
    const container = zvmc('token')
    const response = await new ContractCreateFlow().setBytecode(hex(container)).setConstructorParameters(encodeValues(['u256'], [1000n])).setGas(1_000_000).execute(client)
    const record = await response.getRecord(client)
    expect(record.receipt.status).toBe(Status.Success)
    token = record.receipt.contractId!
    const result = record.contractFunctionResult!
    expect(result.gasUsed.toNumber()).toBeGreaterThan(container.length * 200)
    tokenAddress = `0x${hex(result.evmAddress!)}`
    expect(hex(node.network.state.getCode(tokenAddress as `0x${string}`))).toBe(hex(container))
    const supply = await new ContractCallQuery().setContractId(token).setGas(100_000).setFunctionParameters(calldata('token', 'totalSupply')).execute(client)
    expect(decodeValues(['u256'], supply.bytes)).toEqual([1000n])
  })

  it('executes: record with result, gas and the decoded event; the mirror lists the result, logs and state', async () => {
    const to = '0x00000000000000000000000000000000000000aa'
    const response = await new ContractExecuteTransaction().setContractId(token).setGas(200_000)
      .setFunctionParameters(calldata('token', 'transfer', ['address', 'u256'], [to, 5n])).execute(client)
    const record = await response.getRecord(client)
    expect(record.receipt.status).toBe(Status.Success)
    const result = record.contractFunctionResult!
    expect(decodeValues(['bool'], result.bytes)).toEqual([true])
    expect(result.logs).toHaveLength(1)
    expect(`0x${hex(result.logs[0].topics[0])}`).toBe(kalixEventTopic('Transfer(address,address,u256)'))
    expect(decodeValues(['u256'], result.logs[0].data)).toEqual([5n])

    const results = await (await fetch(`${mirror}/api/v1/contracts/${token.toString()}/results`)).json() as { results: { function_parameters: string; gas_used: number; result: string }[] }
    expect(results.results.map((r) => r.result)).toEqual(['SUCCESS', 'SUCCESS'])
    expect(results.results[1].gas_used).toBe(result.gasUsed.toNumber())
    const logs = await (await fetch(`${mirror}/api/v1/contracts/${token.toString()}/results/logs`)).json() as { logs: { topics: string[] }[] }
    expect(logs.logs.map((l) => l.topics[0])).toContain(kalixEventTopic('Transfer(address,address,u256)'))
    const state = await (await fetch(`${mirror}/api/v1/contracts/${token.toString()}/state?limit=2`)).json() as { state: { slot: string; value: string; contract_id: string }[]; links: { next: string | null } }
    expect(state.state[0]).toMatchObject({ slot: `0x${'0'.repeat(64)}`, value: `0x${(1000n).toString(16).padStart(64, '0')}`, contract_id: token.toString() })
    expect(state.links.next).toMatch(/slot=gt:0x0{63}1$/)
    const rest = await (await fetch(`${mirror}${state.links.next}`)).json() as { state: unknown[]; links: { next: string | null } }
    // totalSupply, owner, and the two balances (sender, receiver): four slots in all.
    expect(state.state.length + rest.state.length).toBe(4)
    expect(rest.links.next).toBeNull()
    const status = (path: string) => fetch(`${mirror}${path}`).then((r) => r.status)
    expect(await status(`/api/v1/contracts/${token.toString()}/state?limit=abc`)).toBe(400)
    expect(await status(`/api/v1/contracts/${token.toString()}/state?slot=gt:zz`)).toBe(400)
    expect(await status('/api/v1/contracts/0.0.999999/state')).toBe(404)
    expect(await status('/api/v1/contracts/0.0.2/state')).toBe(404)
  })

  it('the mirror calls and estimates; an estimate is enough gas for the transaction', async () => {
    const data = `0x${hex(calldata('token', 'transfer', ['address', 'u256'], ['0x00000000000000000000000000000000000000bb', 1n]))}`
    const post = (body: object) => fetch(`${mirror}/api/v1/contracts/call`, { method: 'POST', body: JSON.stringify({ to: tokenAddress, from: operator, ...body }) }).then(async (r) => ({ status: r.status, json: await r.json() as { result?: string; _status?: { messages: { message: string; detail: string; data: string }[] } } }))
    const call = await post({ data })
    expect(decodeValues(['bool'], Buffer.from(call.json.result!.slice(2), 'hex'))).toEqual([true])
    const estimate = BigInt((await post({ data, estimate: true })).json.result!)
    expect(estimate).toBeGreaterThan(0n)
    const tooMuch = `0x${hex(calldata('token', 'transfer', ['address', 'u256'], ['0x00000000000000000000000000000000000000bb', 10_000n]))}`
    const failed = await post({ data: tooMuch, estimate: true })
    expect(failed.status).toBe(400)
    expect(failed.json._status!.messages[0]).toMatchObject({ message: 'CONTRACT_REVERT_EXECUTED', detail: 'insufficient balance' })
    const sent = await recordOf(new ContractExecuteTransaction().setContractId(token).setGas(Number(estimate)).setFunctionParameters(Buffer.from(data.slice(2), 'hex')), client)
    expect(sent.receipt.status).toBe(Status.Success)
    expect(BigInt(sent.contractFunctionResult!.gasUsed.toString())).toBeLessThanOrEqual(estimate)
  })

  it('a revert is CONTRACT_REVERT_EXECUTED with the reason; too little gas is INSUFFICIENT_GAS; nothing changes', async () => {
    const before = node.network.state.sload(tokenAddress as `0x${string}`, 0n)
    const revert = await recordOf(new ContractExecuteTransaction().setContractId(token).setGas(200_000)
      .setFunctionParameters(calldata('token', 'transfer', ['address', 'u256'], [operator, 5000n])), client)
    expect(revert.receipt.status).toBe(Status.ContractRevertExecuted)
    expect(revert.contractFunctionResult!.errorMessage).toBe('insufficient balance')
    const oog = await recordOf(new ContractExecuteTransaction().setContractId(token).setGas(100)
      .setFunctionParameters(calldata('token', 'transfer', ['address', 'u256'], [operator, 1n])), client)
    expect(oog.receipt.status).toBe(Status.InsufficientGas)
    expect(node.network.state.sload(tokenAddress as `0x${string}`, 0n)).toBe(before)
    // A container with a bad ABI, as inline initcode, is refused; a failing constructor leaves no contract.
    const bad = zvmc('token').slice(0, 40)
    const refused = await recordOf(new ContractCreateTransaction().setBytecode(bad).setGas(1_000_000), client)
    expect(refused.receipt.status).toBe(Status.ErrorDecodingBytestring)
    const contracts = node.network.contracts.size
    const short = await recordOf(new ContractCreateTransaction().setBytecode(zvmc('counter')).setConstructorParameters(encodeValues(['u64', 'address'], [1n, operator])).setGas(1000), client)
    expect(short.receipt.status).toBe(Status.InsufficientGas)
    expect(node.network.contracts.size).toBe(contracts)
    // EVM runtime code that merely starts with the ZVMC magic ("ZVMC" = GAS JUMP MSIZE NUMBER) stays EVM.
    const magic = Uint8Array.from(Buffer.from('635a564d4360e01b60005260046000f3', 'hex'))
    const evm = await recordOf(new ContractCreateTransaction().setBytecode(magic).setGas(100_000), client)
    expect(evm.receipt.status).toBe(Status.Success)
    const called = await recordOf(new ContractExecuteTransaction().setContractId(evm.receipt.contractId!).setGas(50_000), client)
    expect(called.receipt.status).toBe(Status.ContractExecutionException)
  })

  it('a restart replays the KALIX transactions from the data directory to the same state', async () => {
    const slots = (): bigint[] => [0n, 1n].map((k) => node.network.state.sload(tokenAddress as `0x${string}`, k))
    const before = { slots: slots(), code: hex(node.network.state.getCode(tokenAddress as `0x${string}`)), transactions: node.network.transactions.length }
    client.close()
    await node.close()
    await start()
    expect(node.restored).toBe(before.transactions)
    expect({ slots: slots(), code: hex(node.network.state.getCode(tokenAddress as `0x${string}`)), transactions: node.network.transactions.length }).toEqual(before)
    const supply = await new ContractCallQuery().setContractId(token).setGas(100_000).setFunctionParameters(calldata('token', 'totalSupply')).execute(client)
    expect(decodeValues(['u256'], supply.bytes)).toEqual([1000n])
  })

  it('a vault moves HTS tokens of the node ledger through syscalls', async () => {
    const created = await (await new TokenCreateTransaction().setTokenName('Gold').setTokenSymbol('AU').setTreasuryAccountId('0.0.2').setInitialSupply(1000)
      .setAdminKey(PrivateKey.fromStringED25519(OPERATOR_KEY).publicKey).execute(client)).getReceipt(client)
    const tokenId = created.tokenId!
    const deploy = await (await new ContractCreateFlow().setBytecode(hex(zvmc('vault'))).setConstructorParameters(encodeValues(['address'], [`0x${tokenId.toSolidityAddress()}`]))
      .setGas(1_000_000).execute(client)).getRecord(client)
    expect(deploy.receipt.status).toBe(Status.Success)
    const vault = deploy.receipt.contractId!
    expect(node.network.ledger.isAssociated(tokenId.toString(), vault.toString())).toBe(true)
    // The node has no CryptoApproveAllowance yet: the allowance is granted on its ledger directly.
    expect(node.network.ledger.approve({ token: tokenId.toString(), owner: '0.0.2', spender: vault.toString(), amount: 60n, caller: operator })).toBe(22)
    node.network.state.finalizeTransaction()
    const deposit = await recordOf(new ContractExecuteTransaction().setContractId(vault).setGas(300_000).setFunctionParameters(calldata('vault', 'deposit', ['u64'], [40n])), client)
    expect(deposit.receipt.status).toBe(Status.Success)
    expect(node.network.ledger.balanceOf(tokenId.toString(), vault.toString())).toBe(40n)
    expect(node.network.ledger.balanceOf(tokenId.toString(), '0.0.2')).toBe(960n)
    const deposited = await new ContractCallQuery().setContractId(vault).setGas(100_000).setFunctionParameters(calldata('vault', 'deposited', ['address'], [operator])).execute(client)
    expect(decodeValues(['u64'], deposited.bytes)).toEqual([40n])
    // HTS refuses (allowance used up past 60): the vault reverts, and the ledger is as it was.
    const refused = await recordOf(new ContractExecuteTransaction().setContractId(vault).setGas(300_000).setFunctionParameters(calldata('vault', 'deposit', ['u64'], [30n])), client)
    expect(refused.receipt.status).toBe(Status.ContractRevertExecuted)
    expect(refused.contractFunctionResult!.errorMessage).toBe('transfer failed')
    expect(node.network.ledger.balanceOf(tokenId.toString(), vault.toString())).toBe(40n)
  })
})
