/**
 * viem against the JSON-RPC relay: an EIP-1559 value transfer from a
 * prefunded ECDSA account (weibar at the boundary, tinybar in the ledger),
 * a contract deployed and read, eth_getLogs; the same ECDSA account paying
 * a HAPI transaction through the SDK (one account, two front doors); and
 * JSON-RPC garbage.
 */
import { Client, Hbar, PrivateKey, TransferTransaction, Status } from '@hashgraph/sdk'
import { createPublicClient, createWalletClient, defineChain, http, parseEther, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNode, type RunningNode } from '../src/index.ts'
import { compileStore } from './solc.ts'

let node: RunningNode
const chain = defineChain({ id: 298, name: 'zvm local', nativeCurrency: { name: 'HBAR', symbol: 'HBAR', decimals: 18 }, rpcUrls: { default: { http: [] } } })

beforeAll(async () => {
  node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2 })
})
afterAll(async () => { await node?.close() })

describe('viem against the relay', () => {
  it('sends HBAR in an EIP-1559 transaction, deploys and reads a contract, and finds its logs', async () => {
    const url = `http://127.0.0.1:${node.ports.relay}`
    const [a, b] = node.accounts
    const account = privateKeyToAccount(`0x${a.privateKey}`)
    expect(account.address.toLowerCase()).toBe(a.evmAddress)
    const wallet = createWalletClient({ account, chain, transport: http(url) })
    const pub = createPublicClient({ chain, transport: http(url), pollingInterval: 20 })
    expect(await pub.getChainId()).toBe(298)
    const before = await pub.getBalance({ address: b.evmAddress as Hex })
    expect(before).toBe(parseEther('10000'))

    const hash = await wallet.sendTransaction({ to: b.evmAddress as Hex, value: parseEther('1.5'), type: 'eip1559' })
    const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 20 })
    expect(receipt.status).toBe('success')
    // 1.5 HBAR = 150,000,000 tinybar in the ledger.
    expect(node.network.ledger.hbarBalance(b.accountId)).toBe(10_000n * 100_000_000n + 150_000_000n)
    expect(await pub.getBalance({ address: b.evmAddress as Hex })).toBe(parseEther('10001.5'))

    // Legacy and EIP-2930 transactions too; a value that is not whole tinybar is refused.
    for (const type of ['legacy', 'eip2930'] as const) {
      const h = await wallet.sendTransaction({ to: b.evmAddress as Hex, value: 10_000_000_000n, type, gasPrice: 710_000_000_000n })
      expect([(await pub.waitForTransactionReceipt({ hash: h, pollingInterval: 20 })).status, (await pub.getTransaction({ hash: h })).type]).toEqual(['success', type])
    }
    expect(node.network.ledger.hbarBalance(b.accountId)).toBe(10_000n * 100_000_000n + 150_000_000n + 2n)
    await expect(wallet.sendTransaction({ to: b.evmAddress as Hex, value: 1n, type: 'eip1559' })).rejects.toThrow(/whole number of tinybar/)

    const { abi, bytecode } = compileStore()
    const deployHash = await wallet.deployContract({ abi, bytecode, args: [5n] })
    const deployed = await pub.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 20 })
    const address = deployed.contractAddress!
    expect(await pub.readContract({ address, abi, functionName: 'value' })).toBe(5n)
    const setHash = await wallet.writeContract({ address, abi, functionName: 'set', args: [9n] })
    await pub.waitForTransactionReceipt({ hash: setHash, pollingInterval: 20 })
    expect(await pub.readContract({ address, abi, functionName: 'value' })).toBe(9n)
    // The contract has an entity id, and its long-zero address reaches it through the relay too.
    const contractId = node.network.ledger.resolveId(address.toLowerCase())!
    const longZero = `0x${BigInt(contractId.split('.')[2]).toString(16).padStart(40, '0')}` as Hex
    const viaLongZero = await wallet.writeContract({ address: longZero, abi, functionName: 'set', args: [11n] })
    expect((await pub.waitForTransactionReceipt({ hash: viaLongZero, pollingInterval: 20 })).status).toBe('success')
    expect(await pub.readContract({ address: longZero, abi, functionName: 'value' })).toBe(11n)
    const logs = await pub.getContractEvents({ address, abi, eventName: 'Stored', fromBlock: 0n })
    expect(logs.map((l) => (l.args as { value: bigint }).value)).toEqual([9n, 11n])
    expect(await pub.getTransaction({ hash: setHash })).toMatchObject({ from: account.address.toLowerCase() })
    await expect(pub.simulateContract({ address, abi, functionName: 'fail', account })).rejects.toThrow(/nope/)
    expect((await pub.getBlock({ blockTag: 'latest' })).number).toBe(await pub.getBlockNumber())
  })

  it('lets the ECDSA account pay a HAPI transfer through the SDK too', async () => {
    const [a, b] = node.accounts
    const client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    try {
      client.setOperator(a.accountId, PrivateKey.fromStringECDSA(a.privateKey))
      const before = node.network.ledger.hbarBalance(b.accountId)
      const receipt = await (await new TransferTransaction().addHbarTransfer(a.accountId, new Hbar(-2)).addHbarTransfer(b.accountId, new Hbar(2)).execute(client)).getReceipt(client)
      expect(receipt.status).toBe(Status.Success)
      expect(node.network.ledger.hbarBalance(b.accountId) - before).toBe(200_000_000n)
    } finally {
      client.close()
    }
  })

  it('answers JSON-RPC garbage with JSON-RPC errors and keeps serving', async () => {
    const url = `http://127.0.0.1:${node.ports.relay}`
    const post = async (body: string): Promise<unknown> => (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).json()
    expect(await post('{not json')).toMatchObject({ error: { code: -32700 } })
    expect(await post('{"jsonrpc":"2.0","id":1}')).toMatchObject({ id: 1, error: { code: -32600 } })
    expect(await post('{"jsonrpc":"2.0","id":2,"method":"eth_nope","params":[]}')).toMatchObject({ id: 2, error: { code: -32601 } })
    expect(await post('{"jsonrpc":"2.0","id":3,"method":"eth_getBalance","params":["0x12"]}')).toMatchObject({ id: 3, error: { code: -32602 } })
    expect(await post('{"jsonrpc":"2.0","id":4,"method":"eth_sendRawTransaction","params":["0x02deadbeef"]}')).toMatchObject({ id: 4, error: { code: -32000 } })
    expect(await post('{"jsonrpc":"2.0","id":5,"method":"eth_chainId","params":[]}')).toMatchObject({ id: 5, result: '0x12a' })
  })
})
