/** The README's Hedera quick start runs as written, against a node started in this process on free ports. */
import { startNode, type RunningNode } from '@zvm/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quickstart } from '../src/quickstart.ts'

let node: RunningNode
beforeAll(async () => { node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 }) })
afterAll(async () => { await node?.close() })

describe('the Hedera quick start', () => {
  it('creates a token from Solidity, rewards a user through HTS, reads events, records and HCS messages', async () => {
    const lines: string[] = []
    await quickstart({ grpc: `127.0.0.1:${node.ports.grpc}`, mirror: `http://127.0.0.1:${node.ports.mirror}/api/v1` }, (l) => lines.push(l))
    expect(lines[0]).toMatch(/^user 0\.0\.\d+ created$/)
    expect(lines[1]).toMatch(/^contract 0\.0\.\d+ deployed$/)
    expect(lines[2]).toMatch(/^token 0\.0\.\d+ created by the contract \(fee \d+(\.\d+)? ℏ\)$/)
    const user = /^user (\S+)/.exec(lines[0])![1]
    // The contract was given the user's long-zero address (0.0.n → 0x00…n).
    const longZero = `0x${BigInt(user.split('.')[2]).toString(16).padStart(40, '0')}`
    expect(lines[3]).toMatch(new RegExp(`^Rewarded event: to ${longZero}, amount 250; gas used \\d+$`))
    expect(lines.slice(4)).toEqual(['user holds 250 RWD', 'contract says totalPaid = 250', expect.stringMatching(/^topic 0\.0\.\d+: #1 hello, #2 hedera$/)])
    const token = /^token (\S+)/.exec(lines[2])![1]
    expect(node.network.ledger.balanceOf(token, user)).toBe(250n)
  })
})
