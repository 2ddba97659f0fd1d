/**
 * KALIX (ZVMC) contracts through the bridge against `zvm node` in this
 * process, with the real @hashgraph/sdk, as a new user would: runtime-kalix's
 * test contracts (ZVM assembly under packages/runtime-kalix/test/contracts,
 * assembled here) deployed, called, queried, estimated through the mirror and
 * locally; events and revert reasons decoded by the KALIX ABI; a writing
 * query refused before sending; HTS through a vault's syscalls; the public
 * networks refuse ZVMC. Also the local EVM estimate against the mirror's.
 * One node for the file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PrivateKey, TokenCreateTransaction } from '@hashgraph/sdk'
import { assembleZvmc, decodeZvmc, encodeZvmc, type ZvmcAbi } from '@zvm/bytecode'
import { startNode, type RunningNode } from '@zvm/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBridge, ZelixError, type Bridge, type KalixDeployedContract } from '../src/index.ts'
import { compileCounter } from './solc.ts'

const CONTRACTS = join(import.meta.dirname, '..', '..', 'runtime-kalix', 'test', 'contracts')
const abiOf = (name: string): ZvmcAbi => JSON.parse(readFileSync(join(CONTRACTS, `${name}.abi.json`), 'utf8')) as ZvmcAbi
const zvmc = (name: string): Uint8Array => assembleZvmc(readFileSync(join(CONTRACTS, `${name}.zasm`), 'utf8'), { abi: abiOf(name) })

async function failure(p: Promise<unknown>): Promise<ZelixError> {
  try { await p } catch (e) { expect(e).toBeInstanceOf(ZelixError); return e as ZelixError }
  throw new Error('expected a ZelixError')
}

describe('KALIX contracts through the bridge on zvm node', () => {
  let node: RunningNode
  let bridge: Bridge
  let token: KalixDeployedContract
  let operator: `0x${string}`
  const bob = '0x00000000000000000000000000000000000000b0'
  const at = (n: RunningNode) => ({ nodes: { [`127.0.0.1:${n.ports.grpc}`]: '0.0.3' }, mirrorUrl: `http://127.0.0.1:${n.ports.mirror}` })

  beforeAll(async () => {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 })
    bridge = createBridge({ network: 'local', ...at(node) })
    operator = node.operator.evmAddress as `0x${string}`
  })

  afterAll(async () => {
    bridge?.close()
    await node?.close()
  })

  it('deploys a ZVMC container with constructor arguments; the constructor event decodes by the KALIX ABI', async () => {
    expect(bridge.zvm).toBe(true)
    const deployed = await bridge.deploy({ bytecode: zvmc('token'), args: [1000n] })
    token = deployed.contract
    expect(deployed.status).toBe('SUCCESS')
    expect(token).toMatchObject({ kind: 'kalix', contractId: expect.stringMatching(/^0\.0\.\d+$/), address: expect.stringMatching(/^0x[0-9a-f]{40}$/) })
    expect(token.abi.contract).toBe('Token')
    expect(deployed.gasUsed).toBeGreaterThan(0n)
    expect(deployed.events.map((e) => e.eventName)).toEqual(['Transfer'])
    expect(deployed.events[0].args.amount).toBe(1000n)
    expect(await bridge.query(token, 'totalSupply')).toBe(1000n)
    expect(await bridge.query(token, 'name')).toBe('Kalix Token')
  })

  it('calls by name or signature: result and events decoded; queries read back', async () => {
    const sent = await bridge.call(token, 'transfer(address,u256)', [bob, 5n], { gas: 200_000 })
    expect(sent.result).toBe(true)
    expect(sent.events).toHaveLength(1)
    expect(sent.events[0]).toMatchObject({ contractId: token.contractId, eventName: 'Transfer', args: { from: operator, to: bob, amount: 5n } })
    expect(await bridge.query(token, 'balanceOf', [bob])).toBe(5n)
    expect(await bridge.query(token, 'balanceOf', [operator])).toBe(995n)
  })

  it('estimates through the mirror and locally: the same gas, and a call with it succeeds', async () => {
    const mirror = await bridge.estimateGas(token, 'transfer', [bob, 7n])
    const local = await bridge.estimateGasLocally(token, 'transfer', [bob, 7n])
    expect(local).toBe(mirror)
    expect(await bridge.estimateGas(token, 'transfer', [bob, 7n], { local: true })).toBe(mirror)
    const sent = await bridge.call(token, 'transfer', [bob, 7n], { gas: Number(local) })
    expect(sent.gasUsed).toBe(local)
    // A view function estimates too.
    expect(await bridge.estimateGasLocally(token, 'balanceOf', [bob])).toBe(await bridge.estimateGas(token, 'balanceOf', [bob]))
  })

  it('a revert is CONTRACT_REVERT_EXECUTED with the decoded reason, from the network, the mirror and the local run', async () => {
    const e = await failure(bridge.call(token, 'transfer', [bob, 10_000n], { gas: 200_000 }))
    expect(e).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', status: 33, reason: 'insufficient balance', revertData: expect.stringMatching(/^0x08c379a0/) })
    expect(e.transactionId).toMatch(/^0\.0\.2@/)
    expect(await failure(bridge.estimateGas(token, 'transfer', [bob, 10_000n]))).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', reason: 'insufficient balance' })
    expect(await failure(bridge.estimateGasLocally(token, 'transfer', [bob, 10_000n]))).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', reason: 'insufficient balance' })
    expect(await failure(bridge.call(token, 'transfer', [bob, 1n], { gas: 300 }))).toMatchObject({ code: 'INSUFFICIENT_GAS', status: 30 })
  })

  it('a query of a writing KALIX function is refused before anything is sent; so are unknown functions and bad arguments', async () => {
    const sent = node.network.transactions.length
    const e = await failure(bridge.query(token, 'transfer', [bob, 1n]))
    expect(e).toMatchObject({ code: 'LOCAL_CALL_MODIFICATION_EXCEPTION', status: 32 })
    expect(e.message).toContain('transfer(address,u256) is nonpayable')
    expect(await failure(bridge.call(token, 'mint', [1n]))).toMatchObject({ code: 'ZELIX_UNKNOWN_FUNCTION' })
    expect(await failure(bridge.call(token, 'constructor', [1n]))).toMatchObject({ code: 'ZELIX_UNKNOWN_FUNCTION' })
    expect(await failure(bridge.call(token, 'transfer', ['0xnope', 1n]))).toMatchObject({ code: 'ZELIX_BAD_OPTIONS' })
    expect(await failure(bridge.deploy({ bytecode: zvmc('token'), args: [] }))).toMatchObject({ code: 'ZELIX_BAD_OPTIONS' })
    expect(node.network.transactions.length).toBe(sent)
  })

  it('a contract by its KALIX ABI alone (at), and a container without an ABI given one explicitly', async () => {
    const byAbi = bridge.at(token.contractId, abiOf('token'), token.address)
    expect(await bridge.query(byAbi, 'balanceOf', [bob])).toBe(12n)
    const bare = encodeZvmc({ code: decodeZvmc(zvmc('counter')).code })
    const { contract: counter } = await bridge.deploy({ bytecode: bare, abi: abiOf('counter'), args: [7n, bob] })
    const r = await bridge.call(counter, 'increment', [3n])
    expect(r.result).toBe(10n)
    expect(r.events[0]).toMatchObject({ eventName: 'Incremented', args: { by: operator, count: 10n } })
    expect(await bridge.query(counter, 'negate', [-5n])).toBe(5n)
    expect(await bridge.estimateGasLocally(counter, 'increment', [1n])).toBe(await bridge.estimateGas(counter, 'increment', [1n]))
    expect(await failure(bridge.call(counter, 'reset', [], { gas: 100_000 }))).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', reason: 'not admin' })
  })

  it('a vault moves HTS tokens through syscalls; its local estimate cannot see the ledger, so `local: true` asks the mirror', async () => {
    const key = PrivateKey.fromStringED25519(node.operator.privateKey)
    const created = await (await new TokenCreateTransaction().setTokenName('Gold').setTokenSymbol('AU').setTreasuryAccountId('0.0.2').setInitialSupply(1000)
      .setAdminKey(key.publicKey).execute(bridge.client)).getReceipt(bridge.client)
    const gold = created.tokenId!
    const { contract: vault } = await bridge.deploy({ bytecode: zvmc('vault'), args: [`0x${gold.toSolidityAddress()}`] })
    expect(await bridge.query(vault, 'token')).toBe(`0x${gold.toSolidityAddress()}`)
    // zvm node has no CryptoApproveAllowance yet: the allowance is granted on its ledger directly.
    expect(node.network.ledger.approve({ token: gold.toString(), owner: '0.0.2', spender: vault.contractId, amount: 60n, caller: operator })).toBe(22)
    node.network.state.finalizeTransaction()
    const mirror = await bridge.estimateGas(vault, 'deposit', [40n])
    const local = await failure(bridge.estimateGasLocally(vault, 'deposit', [40n]))
    expect(local).toMatchObject({ code: 'CONTRACT_EXECUTION_EXCEPTION' })
    expect(await bridge.estimateGas(vault, 'deposit', [40n], { local: true })).toBe(mirror)
    const d = await bridge.call(vault, 'deposit', [40n], { gas: Number(mirror) })
    expect(d.events[0]).toMatchObject({ eventName: 'Deposited', args: { who: operator, amount: 40n } })
    expect(node.network.ledger.balanceOf(gold.toString(), vault.contractId)).toBe(40n)
    expect(await bridge.query(vault, 'deposited', [operator])).toBe(40n)
  })

  it('a local EVM estimate from the mirror\'s code and state equals the mirror\'s', async () => {
    const { abi, bytecode } = compileCounter()
    const { contract } = await bridge.deploy({ abi, bytecode })
    await bridge.call(contract, 'add', [2n])
    const mirror = await bridge.estimateGas(contract, 'add', [5n])
    const local = await bridge.estimateGasLocally(contract, 'add', [5n])
    expect(local).toBe(mirror)
    expect((await bridge.call(contract, 'add', [5n], { gas: Number(local) })).status).toBe('SUCCESS')
    expect(await failure(bridge.estimateGasLocally(contract, 'add', [0n]))).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', reason: 'zero' })
  })
})

describe('networks that run no ZVM refuse KALIX before sending', () => {
  it('mainnet, testnet and previewnet refuse ZVMC deploys and KALIX calls; `zvm: true` is refused there; `zvm: false` makes local EVM-only', async () => {
    for (const network of ['testnet', 'mainnet', 'previewnet'] as const) {
      const b = createBridge({ network, operatorId: '0.0.1234', operatorKey: PrivateKey.generateED25519() })
      try {
        expect(b.zvm).toBe(false)
        const d = await failure(b.deploy({ bytecode: zvmc('counter'), args: [1n, '0x00000000000000000000000000000000000000aa'] }))
        expect(d.code).toBe('ZELIX_KALIX_UNSUPPORTED')
        expect(d.message).toContain(`Counter is a KALIX (ZVMC) contract; ${network}'s consensus nodes run EVM bytecode only`)
        const c = b.at('0.0.1001', abiOf('counter'))
        expect(await failure(b.call(c, 'increment', [1n]))).toMatchObject({ code: 'ZELIX_KALIX_UNSUPPORTED' })
        expect(await failure(b.query(c, 'count'))).toMatchObject({ code: 'ZELIX_KALIX_UNSUPPORTED' })
        expect(await failure(b.estimateGas(c, 'count'))).toMatchObject({ code: 'ZELIX_KALIX_UNSUPPORTED' })
      } finally {
        b.close()
      }
      expect(() => createBridge({ network, operatorId: '0.0.1234', operatorKey: PrivateKey.generateED25519(), zvm: true })).toThrow(expect.objectContaining({ code: 'ZELIX_BAD_OPTIONS' }))
    }
    const evmOnly = createBridge({ network: 'local', nodes: { '127.0.0.1:1': '0.0.3' }, mirrorUrl: 'http://127.0.0.1:1', zvm: false })
    try {
      expect((await failure(evmOnly.deploy({ bytecode: zvmc('token'), args: [1n] }))).message).toContain('declared EVM-only (zvm: false)')
    } finally {
      evmOnly.close()
    }
  })
})
