/**
 * Measures local gas estimates against zvm node's mirror on the test
 * contracts (the README's table): `node --conditions=source --import tsx
 * packages/zelix-bridge/test/measure-estimates.ts` from the repository root.
 * Columns: contract, function, mirror, local, gas used with the mirror's
 * estimate as the limit, ms per mirror estimate, ms per local estimate.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PrivateKey, TokenCreateTransaction } from '@hashgraph/sdk'
import { assembleZvmc, type ZvmcAbi } from '@zvm/bytecode'
import { startNode } from '@zvm/node'
import { createBridge, ZelixError, type DeployedContract, type EstimateOptions, type KalixDeployedContract } from '../src/index.ts'
import { compileCounter, compileRewards } from './solc.ts'
const C = join(import.meta.dirname, '..', '..', 'runtime-kalix', 'test', 'contracts')
const abiOf = (n: string) => JSON.parse(readFileSync(join(C, `${n}.abi.json`), 'utf8')) as ZvmcAbi
const zvmc = (n: string) => assembleZvmc(readFileSync(join(C, `${n}.zasm`), 'utf8'), { abi: abiOf(n) })
const node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 1 })
const b = createBridge({ network: 'local', nodes: { [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, mirrorUrl: `http://127.0.0.1:${node.ports.mirror}` })
const op = node.operator.evmAddress
const bob = '0x00000000000000000000000000000000000000b0'
type Any = KalixDeployedContract & DeployedContract
const code = (e: unknown): string => (e instanceof ZelixError ? e.code : String(e))
async function row(name: string, contract: DeployedContract | KalixDeployedContract, fn: string, args: unknown[], opts: EstimateOptions = {}) {
  const c = contract as Any
  const t0 = performance.now(); let m: string; try { m = String(await b.estimateGas(c, fn, args, opts)) } catch (e) { m = code(e) }
  const t1 = performance.now(); let l: string; try { l = String(await b.estimateGasLocally(c, fn, args, opts)) } catch (e) { l = code(e) }
  const t2 = performance.now()
  let used = '-'; try { used = String((await b.call(c, fn, args, { gas: Number(m) || 1_000_000, ...(opts.value ? { value: opts.value } : {}) })).gasUsed) } catch (e) { used = code(e) }
  console.log(`| ${name} | ${fn} | ${m} | ${l} | ${used} | ${(t1 - t0).toFixed(1)} | ${(t2 - t1).toFixed(1)} |`)
}
const { contract: token } = await b.deploy({ bytecode: zvmc('token'), args: [1000n] })
await row('KALIX Token', token, 'transfer', [bob, 5n])
await row('KALIX Token', token, 'transfer', [bob, 5n])
await row('KALIX Token', token, 'balanceOf', [bob])
const { contract: counter } = await b.deploy({ bytecode: zvmc('counter'), args: [1n, op] })
await row('KALIX Counter', counter, 'increment', [3n])
await row('KALIX Counter', counter, 'echo', ['0x1234', 'hi', 7n, -5n, true, bob])
const key = PrivateKey.fromStringED25519(node.operator.privateKey)
const gold = (await (await new TokenCreateTransaction().setTokenName('G').setTokenSymbol('G').setTreasuryAccountId('0.0.2').setInitialSupply(1000).setAdminKey(key.publicKey).execute(b.client)).getReceipt(b.client)).tokenId!
const { contract: vault } = await b.deploy({ bytecode: zvmc('vault'), args: [`0x${gold.toSolidityAddress()}`] })
node.network.ledger.approve({ token: gold.toString(), owner: '0.0.2', spender: vault.contractId, amount: 600n, caller: op as `0x${string}` }); node.network.state.finalizeTransaction()
await row('KALIX Vault (HTS)', vault, 'deposit', [40n])
await row('KALIX Vault (HTS)', vault, 'withdraw', [10n])
const cc = compileCounter()
const { contract: ec } = await b.deploy({ abi: cc.abi, bytecode: cc.bytecode })
await row('EVM Counter', ec, 'add', [2n])
await row('EVM Counter', ec, 'add', [2n])
const rw = compileRewards()
const { contract: rewards } = await b.deploy({ abi: rw.abi, bytecode: rw.bytecode })
await row('EVM Rewards (HTS)', rewards, 'createToken', [], { value: 2_000_000_000n })
await row('EVM Rewards (HTS)', rewards, 'totalPaid', [])
b.close(); await node.close()
