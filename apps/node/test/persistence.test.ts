/**
 * `--data`: state survives a restart, and a kill -9 during a stream of
 * transactions loses none that got an answer (the log is committed before
 * the answer).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Client, Hbar, PrivateKey, TopicCreateTransaction, TopicMessageSubmitTransaction, TransferTransaction } from '@hashgraph/sdk'
import { createWalletClient, defineChain, http, parseEther, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode } from '../src/index.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'zvm-node-data-'))
  dirs.push(d)
  return d
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const chain = defineChain({ id: 298, name: 'zvm local', nativeCurrency: { name: 'HBAR', symbol: 'HBAR', decimals: 18 }, rpcUrls: { default: { http: [] } } })

describe('persistence with --data', () => {
  it('restores accounts, balances, topics and records after a restart', async () => {
    const data = tempDir()
    const first = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2, data })
    const client = Client.forNetwork({ [`127.0.0.1:${first.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    client.setOperator('0.0.2', PrivateKey.fromStringED25519(OPERATOR_KEY))
    let topicId: string, transferId: string
    try {
      const transfer = await new TransferTransaction().addHbarTransfer('0.0.2', new Hbar(-3)).addHbarTransfer(first.accounts[1].accountId, new Hbar(3)).execute(client)
      await transfer.getReceipt(client)
      transferId = transfer.transactionId.toString()
      topicId = (await (await new TopicCreateTransaction().execute(client)).getReceipt(client)).topicId!.toString()
      await (await new TopicMessageSubmitTransaction().setTopicId(topicId).setMessage('kept').execute(client)).getReceipt(client)
    } finally {
      client.close()
    }
    const wallet = createWalletClient({ account: privateKeyToAccount(`0x${first.accounts[0].privateKey}`), chain, transport: http(`http://127.0.0.1:${first.ports.relay}`) })
    await wallet.sendTransaction({ to: first.accounts[1].evmAddress as Hex, value: parseEther('1'), type: 'eip1559' })
    const expected = { b: first.network.ledger.hbarBalance(first.accounts[1].accountId), op: first.network.ledger.hbarBalance('0.0.2'), count: first.network.transactions.length }
    await first.close()

    const second = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2, data })
    try {
      expect(second.restored).toBe(4)
      expect(second.network.ledger.hbarBalance(second.accounts[1].accountId)).toBe(expected.b)
      expect(expected.b).toBe(10_004n * 100_000_000n)
      expect(second.network.ledger.hbarBalance('0.0.2')).toBe(expected.op)
      expect(second.network.transactions.length).toBe(expected.count)
      expect(second.network.ledger.getTopic(topicId)?.sequenceNumber).toBe(1n)
      const res = await fetch(`http://127.0.0.1:${second.ports.mirror}/api/v1/transactions/${transferId.replace('@', '-').replace(/\.(\d+)$/, '-$1')}`)
      expect(((await res.json()) as { transactions: Array<{ result: string }> }).transactions[0].result).toBe('SUCCESS')
    } finally {
      await second.close()
    }
  })

  it('loses no answered transaction when the process is killed with SIGKILL mid-stream', async () => {
    const data = tempDir()
    // The node as users run it (the built CLI, which the test setup has built), killed without warning.
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'zvm.mjs'), 'node', '--port', '0', '--mirror-port', '0', '--web3-port', '0', '--relay-port', '0', '--accounts', '2', '--data', data], { stdio: ['ignore', 'pipe', 'inherit'] })
    const relayPort = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => {
        const m = /JSON-RPC relay\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(l)
        if (m) resolve(Number(m[1]))
      })
      child.once('exit', (code) => reject(new Error(`node exited with ${code}`)))
    })
    const first = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2 }) // same genesis keys, for the addresses
    await first.close()
    const wallet = createWalletClient({ account: privateKeyToAccount(`0x${first.accounts[0].privateKey}`), chain, transport: http(`http://127.0.0.1:${relayPort}`) })
    const answered: string[] = []
    const sending = (async () => {
      for (let i = 0; i < 200; i++) {
        try {
          answered.push(await wallet.sendTransaction({ to: first.accounts[1].evmAddress as Hex, value: parseEther('0.01'), type: 'eip1559', gas: 21_000n, nonce: i, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }))
        } catch {
          return
        }
      }
    })()
    while (answered.length < 15) await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGKILL')
    await sending
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r))

    const restarted = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2, data })
    try {
      expect(restarted.restored).toBeGreaterThanOrEqual(answered.length)
      for (const hash of answered) expect(restarted.network.ethByHash(hash)?.status, hash).toBe(22)
      expect(restarted.network.ledger.hbarBalance(restarted.accounts[1].accountId)).toBe(10_000n * 100_000_000n + BigInt(restarted.restored) * 1_000_000n)
    } finally {
      await restarted.close()
    }
  })
})
