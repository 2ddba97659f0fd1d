/**
 * Hostile JSON-RPC parameters get invalid params (-32602) naming the
 * parameter, never an internal error, and the relay keeps serving.
 * Regression: `pnpm fuzz --target hedera --seed 20261202` program 9479 sent
 * eth_getStorageAt without a slot and got "Cannot convert undefined to a BigInt".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNode, type RunningNode } from '../src/index.ts'

describe('relay parameters', () => {
  let node: RunningNode
  beforeAll(async () => { node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 }) })
  afterAll(async () => { await node?.close() })

  const rpc = async (method: string, params: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }> =>
    (await fetch(`http://127.0.0.1:${node.ports.relay}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json() as Promise<{ result?: unknown; error?: { code: number; message: string } }>

  const ADDRESS = '0xffffffffffffffffffffffffffffffffffffffff'
  it.each([
    ['eth_getStorageAt without a slot (fuzz finding 9479)', 'eth_getStorageAt', [ADDRESS], /invalid storage slot/],
    ['eth_getStorageAt with a decimal slot', 'eth_getStorageAt', [ADDRESS, '12'], /invalid storage slot/],
    ['eth_getStorageAt with a 257-bit slot', 'eth_getStorageAt', [ADDRESS, `0x1${'0'.repeat(64)}`], /invalid storage slot/],
    ['eth_call with a value that is not hex', 'eth_call', [{ to: ADDRESS, value: 'lots' }, 'latest'], /invalid value/],
    ['eth_call with an object for gas', 'eth_call', [{ to: ADDRESS, gas: {} }, 'latest'], /invalid gas/],
    ['eth_getBlockByNumber with a block number past 64 bits', 'eth_getBlockByNumber', [`0x${'f'.repeat(20)}`, false], /invalid block tag/],
  ])('%s', async (_name, method, params, message) => {
    const r = await rpc(method as string, params as unknown[])
    expect(r.error?.code).toBe(-32602)
    expect(r.error?.message).toMatch(message as RegExp)
    expect((await rpc('eth_getStorageAt', [ADDRESS, '0x0'])).result).toBe(`0x${'0'.repeat(64)}`)
  })
})
