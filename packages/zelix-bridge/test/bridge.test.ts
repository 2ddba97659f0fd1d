/**
 * The bridge against `zvm node` started in this process on free ports, with
 * the real @hashgraph/sdk: a solc-compiled contract that uses HTS (it
 * creates its own token and pays rewards in it) deployed through
 * ContractCreateFlow, called, queried, its gas estimated through the mirror
 * and its events decoded; a query of a writing function refused before
 * anything is sent; reverts, out of gas and bad signatures as typed errors
 * with their Hedera status; a ZVMC container deployed locally and refused on
 * testnet (KALIX in full: kalix.test.ts).
 */
import { assembleZvmc, kalixSelector } from '@zvm/bytecode'
import { startNode, type RunningNode } from '@zvm/node'
import { PrivateKey, TokenAssociateTransaction, TokenId } from '@hashgraph/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBridge, ZelixError, type Bridge, type DeployedContract } from '../src/index.ts'
import { compileRewards } from './solc.ts'

const { abi, bytecode } = compileRewards()

async function failure(p: Promise<unknown>): Promise<ZelixError> {
  try { await p } catch (e) { expect(e).toBeInstanceOf(ZelixError); return e as ZelixError }
  throw new Error('expected a ZelixError')
}

describe('the bridge against zvm node', () => {
  let node: RunningNode
  let bridge: Bridge
  let rewards: DeployedContract<typeof abi>
  let token: string
  const at = (n: RunningNode) => ({ nodes: { [`127.0.0.1:${n.ports.grpc}`]: '0.0.3' }, mirrorUrl: `http://127.0.0.1:${n.ports.mirror}` })

  beforeAll(async () => {
    node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 1 })
    bridge = createBridge({ network: 'local', ...at(node) })
  })

  afterAll(async () => {
    bridge?.close()
    await node?.close()
  })

  it('deploys a solc-compiled contract through ContractCreateFlow (the file service, then ContractCreate)', async () => {
    const filesBefore = node.network.transactions.filter((t) => t.name === 'fileCreate').length
    const deployed = await bridge.deploy({ abi, bytecode })
    rewards = deployed.contract
    expect(deployed.status).toBe('SUCCESS')
    expect(rewards.contractId).toMatch(/^0\.0\.\d+$/)
    expect(rewards.address).toMatch(/^0x[0-9a-f]{40}$/)
    expect(deployed.gasUsed).toBeGreaterThan(0n)
    expect(deployed.fee).toBeGreaterThan(0n)
    expect(node.network.transactions.filter((t) => t.name === 'fileCreate').length).toBe(filesBefore + 1)
  })

  it('calls a payable function that creates an HTS token, and decodes its event; a query reads it back', async () => {
    const created = await bridge.call(rewards, 'createToken', [], { value: 20n * 100_000_000n, gas: 1_000_000 })
    expect(created.status).toBe('SUCCESS')
    expect(created.events.map((e) => e.eventName)).toContain('TokenCreated')
    const event = created.events.find((e) => e.eventName === 'TokenCreated')!
    token = (event.args as { token: string }).token
    expect(await bridge.query(rewards, 'token')).toBe(token)
    expect(node.network.ledger.resolveId(token as `0x${string}`)).toMatch(/^0\.0\.\d+$/)
  })

  it('estimates gas through the mirror, and a call with exactly that gas succeeds; events and results decode', async () => {
    const user = node.accounts[0]
    const tokenId = TokenId.fromSolidityAddress(token)
    const associate = await new TokenAssociateTransaction().setAccountId(user.accountId).setTokenIds([tokenId]).freezeWith(bridge.client)
      .sign(PrivateKey.fromStringECDSA(user.privateKey))
    expect((await (await associate.execute(bridge.client)).getReceipt(bridge.client)).status.toString()).toBe('SUCCESS')

    const args = [user.evmAddress as `0x${string}`, 250n] as const
    const estimate = await bridge.estimateGas(rewards, 'reward', args)
    expect(estimate).toBeGreaterThan(21_000n)
    expect(estimate).toBeLessThan(1_000_000n)
    const rewarded = await bridge.call(rewards, 'reward', args, { gas: Number(estimate) })
    expect(rewarded.gasUsed).toBeLessThanOrEqual(estimate)
    // HTS state is not on the mirror's contract state: the local run fails, and `local: true` answers the mirror's estimate.
    expect(await bridge.estimateGas(rewards, 'reward', args, { local: true })).toBe(await bridge.estimateGas(rewards, 'reward', args))
    const event = rewarded.events.find((e) => e.eventName === 'Rewarded')!
    expect(event.args).toEqual({ to: expect.stringMatching(new RegExp(`^${user.evmAddress}$`, 'i')), amount: 250n })
    expect(event.contractId).toBe(rewards.contractId)
    expect(await bridge.query(rewards, 'totalPaid')).toBe(250n)
    expect(node.network.ledger.balanceOf(tokenId.toString(), user.accountId)).toBe(250n)
  })

  it('refuses a query of a writing function with LOCAL_CALL_MODIFICATION_EXCEPTION before anything is sent', async () => {
    const sent = node.network.transactions.length
    // solc's ABI is JSON (typed as any Abi), so only the runtime check stands between this and the network; an `as const` ABI is refused by the types too.
    const e = await failure(bridge.query(rewards, 'reward', [node.accounts[0].evmAddress as `0x${string}`, 1n]))
    expect(e.code).toBe('LOCAL_CALL_MODIFICATION_EXCEPTION')
    expect(e.status).toBe(32)
    expect(e.transactionId).toBeUndefined()
    expect(node.network.transactions.length).toBe(sent)
    expect(await bridge.query(rewards, 'totalPaid')).toBe(250n)
  })

  it('a revert is CONTRACT_REVERT_EXECUTED with the decoded reason, from the network and from the mirror', async () => {
    const e = await failure(bridge.call(rewards, 'createToken', [], { value: 100_000_000n, gas: 500_000 }))
    expect(e).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', status: 33, reason: 'token exists' })
    expect(e.transactionId).toMatch(/^0\.0\.2@/)
    expect(e.message).toContain('CONTRACT_REVERT_EXECUTED (33): token exists')
    const m = await failure(bridge.estimateGas(rewards, 'createToken', [], { value: 100_000_000n }))
    expect(m).toMatchObject({ code: 'CONTRACT_REVERT_EXECUTED', status: 33, reason: 'token exists' })
  })

  it('too little gas is INSUFFICIENT_GAS; a wrong operator key is INVALID_SIGNATURE', async () => {
    // Past the intrinsic 21,000 but short of createToken's first (cold) SLOAD.
    const e = await failure(bridge.call(rewards, 'createToken', [], { gas: 22_000 }))
    expect(e).toMatchObject({ code: 'INSUFFICIENT_GAS', status: 30 })
    const impostor = createBridge({ network: 'local', ...at(node), operatorKey: PrivateKey.generateED25519() })
    try {
      const s = await failure(impostor.call(rewards, 'reward', [node.accounts[0].evmAddress as `0x${string}`, 1n]))
      expect(s).toMatchObject({ code: 'INVALID_SIGNATURE', status: 7 })
    } finally {
      impostor.close()
    }
  })

  it('deploys a ZVMC container on the local network (its own ABI, whatever Solidity ABI is given) and refuses it on testnet before sending', async () => {
    const zvmc = assembleZvmc([
      'PUSH 0', 'CALLDATALOAD', 'PUSH 224', 'SHR', 'DUP1', `PUSH4 ${kalixSelector('get()')}`, 'EQ', 'PUSH @get', 'JUMPI',
      'PUSH 0', 'PUSH 0', 'REVERT', 'get: POP', 'PUSH 0', 'PUSH 0', 'RETURN',
    ].join('\n'), {
      abi: { contract: 'Box', functions: [{ name: 'get', selector: kalixSelector('get()'), inputs: [], outputs: [], mutability: 'view' }], events: [], state_variables: [], tables: [] },
    })
    const local = await bridge.deploy({ abi: [], bytecode: zvmc })
    expect(local.contract).toMatchObject({ kind: 'kalix', abi: { contract: 'Box' } })
    const sent = node.network.transactions.length
    const testnet = createBridge({ network: 'testnet', operatorId: '0.0.1234', operatorKey: PrivateKey.generateED25519() })
    try {
      const t = await failure(testnet.deploy({ abi: [], bytecode: zvmc }))
      expect(t.code).toBe('ZELIX_KALIX_UNSUPPORTED')
      expect(t.message).toContain("testnet's consensus nodes run EVM bytecode only")
    } finally {
      testnet.close()
    }
    expect(node.network.transactions.length).toBe(sent)
  })
})

describe('createBridge options', () => {
  it('needs an operator on a public network (options or HEDERA_OPERATOR_ID/HEDERA_OPERATOR_KEY)', () => {
    const saved = [process.env.HEDERA_OPERATOR_ID, process.env.HEDERA_OPERATOR_KEY]
    delete process.env.HEDERA_OPERATOR_ID
    delete process.env.HEDERA_OPERATOR_KEY
    try {
      expect(() => createBridge({ network: 'mainnet' })).toThrow(expect.objectContaining({ code: 'ZELIX_NO_OPERATOR' }))
      process.env.HEDERA_OPERATOR_ID = '0.0.1234'
      process.env.HEDERA_OPERATOR_KEY = PrivateKey.generateECDSA().toStringDer()
      const b = createBridge({ network: 'previewnet' })
      expect(b.operatorId).toBe('0.0.1234')
      expect(b.mirrorUrl).toBe('https://previewnet.mirrornode.hedera.com')
      b.close()
    } finally {
      if (saved[0] === undefined) delete process.env.HEDERA_OPERATOR_ID; else process.env.HEDERA_OPERATOR_ID = saved[0]
      if (saved[1] === undefined) delete process.env.HEDERA_OPERATOR_KEY; else process.env.HEDERA_OPERATOR_KEY = saved[1]
    }
  })

  it('rejects an unknown network, a bad account id and a bad key', () => {
    // @ts-expect-error not a network
    expect(() => createBridge({ network: 'devnet' })).toThrow(expect.objectContaining({ code: 'ZELIX_BAD_OPTIONS' }))
    expect(() => createBridge({ network: 'local', operatorId: 'alice' })).toThrow(expect.objectContaining({ code: 'ZELIX_BAD_OPTIONS' }))
    expect(() => createBridge({ network: 'local', operatorKey: 'zz' })).toThrow(expect.objectContaining({ code: 'ZELIX_BAD_OPTIONS' }))
  })
})

describe('hostile input, refused before anything is sent', () => {
  // Nothing listens here: every refusal below happens in the bridge.
  const offline = () => createBridge({ network: 'local', nodes: { '127.0.0.1:1': '0.0.3' }, mirrorUrl: 'http://127.0.0.1:1' })
  const box = [
    { type: 'function', name: 'store', stateMutability: 'nonpayable', inputs: [{ name: 'v', type: 'uint256' }], outputs: [] },
    { type: 'function', name: 'get', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint256' }] },
  ] as const

  it('an ABI typed `as const` refuses a query of a writing function in the types too', async () => {
    const b = offline()
    try {
      const c = b.at('0.0.1001', box)
      // @ts-expect-error store is nonpayable: query takes only view and pure functions
      const e = await failure(b.query(c, 'store', [1n]))
      expect(e).toMatchObject({ code: 'LOCAL_CALL_MODIFICATION_EXCEPTION', status: 32, statusName: 'LOCAL_CALL_MODIFICATION_EXCEPTION' })
      expect(c.address).toBe('0x00000000000000000000000000000000000003e9')
    } finally {
      b.close()
    }
  })

  it('unknown functions, bad bytecode, a malformed ZVMC container and an unreachable mirror get typed errors', async () => {
    const b = offline()
    try {
      const c = b.at('0.0.1001', box as readonly unknown[] as typeof abi)
      expect(await failure(b.call(c, 'missing', []))).toMatchObject({ code: 'ZELIX_UNKNOWN_FUNCTION' })
      expect(await failure(b.query(c, 'missing', []))).toMatchObject({ code: 'ZELIX_UNKNOWN_FUNCTION' })
      expect(await failure(b.deploy({ abi: box, bytecode: '0xzz' }))).toMatchObject({ code: 'ZELIX_BAD_OPTIONS' })
      const truncated = new Uint8Array([0x5a, 0x56, 0x4d, 0x43, 1, 0])
      await expect(b.deploy({ abi: box, bytecode: truncated })).rejects.toThrow(/ZVMC|header/i)
      const e = await failure(b.estimateGas(c, 'store' as never, [1n] as never))
      expect(e.code).toBe('ZELIX_MIRROR_UNAVAILABLE')
    } finally {
      b.close()
    }
  })
})
