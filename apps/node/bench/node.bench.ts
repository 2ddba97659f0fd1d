/**
 * `pnpm bench:node`: `zvm node` as a user starts it (scripts/zvm.mjs, the
 * built CLI) — time to ready and resident memory — then sustained
 * transactions per second through the real @hashgraph/sdk over loopback for
 * HBAR transfers, token transfers and contract calls, a bounded count each
 * with a bounded number in flight, every one followed to its receipt, and
 * the balances checked at the end (zero lost transactions). Not a test: it
 * prints a table (`--json` for one object). The SDK client runs on the same
 * machine and takes its share of the CPU; the node's own CPU time per
 * transaction (from /proc) says how much of it was the node's.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import {
  AccountBalanceQuery, Client, ContractCreateFlow, ContractExecuteTransaction, ContractFunctionParameters, Hbar, PrivateKey, Status,
  TokenCreateTransaction, TransferTransaction, type Transaction, type TransactionResponse,
} from '@hashgraph/sdk'
import { compileStore } from '../test/solc.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'zvm.mjs')
const OPERATOR_KEY = '91132178e72057a1d7528025956fe39b0b847f200ab59b2fdd367017f3087137'
const COUNTS = { hbar: 1000, token: 600, contract: 400 }
const IN_FLIGHT = 32
const json = process.argv.includes('--json')

interface Started { child: ChildProcess; ms: number; grpc: number }

async function start(): Promise<Started> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [SCRIPT, 'node', '--port', '0', '--mirror-port', '0', '--web3-port', '0', '--relay-port', '0', '--accounts', '1'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let grpc = 0
  await new Promise<void>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! })
    rl.on('line', (l) => {
      const m = /127\.0\.0\.1:(\d+)\s+node account/.exec(l)
      if (m) grpc = Number(m[1])
      if (/^ {2}0\.0\.\d+ +0x/.test(l)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`zvm node exited with ${code}`)))
  })
  return { child, ms: performance.now() - t0, grpc }
}

function memoryKiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: field('VmRSS'), peak: field('VmHWM') }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/** CPU seconds the process has used (user + system, from /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ 100)
}

/** Runs `count` transactions, at most IN_FLIGHT at once, each to its receipt; resolves to [tx/s, failures]. */
async function sustained(client: Client, count: number, make: (i: number) => Transaction): Promise<{ tps: number; failed: number; nodeCpuMsPerTx: number }> {
  let next = 0, failed = 0
  const t0 = performance.now()
  const cpu0 = cpuSeconds(nodePid)
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++
      try {
        const response: TransactionResponse = await make(i).execute(client)
        const receipt = await response.getReceipt(client)
        if (receipt.status !== Status.Success) failed++
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return { tps: count / ((performance.now() - t0) / 1000), failed, nodeCpuMsPerTx: ((cpuSeconds(nodePid) - cpu0) * 1000) / count }
}

execFileSync(process.execPath, [SCRIPT, '--version'], { stdio: ['ignore', 'ignore', 'inherit'] }) // build first, outside the timing
const starts: number[] = []
for (let i = 0; i < 3; i++) {
  const s = await start()
  starts.push(s.ms)
  await stop(s.child)
}
const node = await start()
const nodePid = node.child.pid!
const idle = memoryKiB(nodePid)
const client = Client.forNetwork({ [`127.0.0.1:${node.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
const op = PrivateKey.fromStringED25519(OPERATOR_KEY)
client.setOperator('0.0.2', op)
const results: Record<string, { count: number; tps: number; failed: number; nodeCpuMsPerTx: number }> = {}
try {
  const recipient = '0.0.4' // the first prefunded ECDSA account
  const before = await new AccountBalanceQuery().setAccountId(recipient).execute(client)
  results.hbar = { count: COUNTS.hbar, ...(await sustained(client, COUNTS.hbar, () => new TransferTransaction().addHbarTransfer('0.0.2', Hbar.fromTinybars(-1)).addHbarTransfer(recipient, Hbar.fromTinybars(1)))) }

  const token = (await (await new TokenCreateTransaction().setTokenName('Bench').setTokenSymbol('B').setInitialSupply(1_000_000).setTreasuryAccountId('0.0.2')
    .execute(client)).getReceipt(client)).tokenId!
  // The prefunded ECDSA accounts have unlimited auto-association slots: no TokenAssociateTransaction needed.
  results.token = { count: COUNTS.token, ...(await sustained(client, COUNTS.token, () => new TransferTransaction().addTokenTransfer(token, '0.0.2', -1).addTokenTransfer(token, recipient, 1))) }

  const contract = (await (await new ContractCreateFlow().setBytecode(compileStore().bytecode.slice(2)).setGas(500_000)
    .setConstructorParameters(new ContractFunctionParameters().addUint256(0)).execute(client)).getReceipt(client)).contractId!
  results.contract = { count: COUNTS.contract, ...(await sustained(client, COUNTS.contract, (i) => new ContractExecuteTransaction().setContractId(contract).setGas(60_000)
    .setFunction('set', new ContractFunctionParameters().addUint256(i + 1)))) }

  // Nothing lost: the recipient holds exactly what the receipts said arrived.
  const after = await new AccountBalanceQuery().setAccountId(recipient).execute(client)
  const hbarArrived = after.hbars.toTinybars().toNumber() - before.hbars.toTinybars().toNumber()
  const tokensArrived = after.tokens?.get(token)?.toNumber() ?? 0
  const lost = (COUNTS.hbar - results.hbar.failed - hbarArrived) + (COUNTS.token - results.token.failed - tokensArrived)
  const loaded = memoryKiB(node.child.pid!)
  const median = [...starts].sort((a, b) => a - b)[1]
  const summary = { startMs: Math.round(median), startRuns: starts.map(Math.round), rssIdleMiB: +(idle.rss / 1024).toFixed(1), rssAfterMiB: +(loaded.rss / 1024).toFixed(1), rssPeakMiB: +(loaded.peak / 1024).toFixed(1), inFlight: IN_FLIGHT, results, lost }
  if (json) console.log(JSON.stringify(summary))
  else {
    console.log(`zvm node: ready in ${summary.startMs} ms (median of ${starts.map((s) => Math.round(s)).join(', ')} ms, process start to banner)`)
    console.log(`resident memory: ${summary.rssIdleMiB} MiB idle, ${summary.rssAfterMiB} MiB after the load (peak ${summary.rssPeakMiB} MiB)`)
    console.log(`sustained, ${IN_FLIGHT} in flight, each to its receipt through @hashgraph/sdk:`)
    for (const [name, r] of Object.entries(results)) {
      console.log(`  ${name.padEnd(9)} ${String(r.count).padStart(5)} tx  ${r.tps.toFixed(0).padStart(5)} tx/s  ${r.failed} failed  node CPU ${r.nodeCpuMsPerTx.toFixed(2)} ms/tx`)
    }
    console.log(`lost transactions: ${lost}`)
  }
} finally {
  client.close()
  await stop(node.child)
}
