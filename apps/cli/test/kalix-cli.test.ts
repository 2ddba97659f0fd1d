/** `zvm asm --abi`, `zvm kalix deploy` and `zvm kalix call` on the runtime's test contracts, with and without --state. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { zvm } from './run-cli.ts'

const CONTRACTS = join(import.meta.dirname, '..', '..', '..', 'packages', 'runtime-kalix', 'test', 'contracts')
const CALLER = '0x1000000000000000000000000000000000000001'
const BOB = '0x0000000000000000000000000000000000000b0b'

/** Assembles a test contract with its ABI through `zvm asm --abi`. */
async function build(dir: string, name: string): Promise<string> {
  const out = join(dir, `${name}.zvmc`)
  const r = await zvm('asm', join(CONTRACTS, `${name}.zasm`), '--abi', join(CONTRACTS, `${name}.abi.json`), '-o', out)
  expect(r.err).toBe('')
  expect(r.code).toBe(0)
  return out
}

describe('zvm kalix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvm-kalix-'))

  it('deploys with constructor arguments and prints the address and events', async () => {
    const token = await build(dir, 'token')
    const r = await zvm('kalix', 'deploy', token, '--args', '["1000"]', '--json')
    expect([r.code, r.err]).toEqual([0, ''])
    const j = JSON.parse(r.out) as { status: string; contract: string; name: string; gasUsed: number; events: { name: string; args: Record<string, string> }[] }
    expect(j.status).toBe('success')
    expect(j.name).toBe('Token')
    expect(j.contract).toMatch(/^0x[0-9a-f]{40}$/)
    expect(j.events).toEqual([{ name: 'Transfer', signature: 'Transfer(address,address,u256)', address: j.contract, args: { from: '0x0000000000000000000000000000000000000000', to: CALLER, amount: '1000' } }])
    const human = await zvm('kalix', 'deploy', token, '--args', '[5]')
    expect(human.out).toMatch(/^deployed: {3}0x[0-9a-f]{40} \(Token\)\ngas used: {3}\d+\nevent: {6}Transfer\(from=0x0{40}, to=0x1000000000000000000000000000000000000001, amount=5\)\n$/)
  })

  it('keeps contracts in --state: deploy, call by address, call by container, reverts leave the file alone', async () => {
    const token = await build(dir, 'token')
    const state = join(dir, 'token-state.json')
    const d = await zvm('kalix', 'deploy', token, '--args', '[1000]', '--state', state, '--json')
    expect(d.code).toBe(0)
    const address = (JSON.parse(d.out) as { contract: string }).contract
    const t = await zvm('kalix', 'call', address, '--fn', 'transfer(address,u256)', '--args', JSON.stringify([BOB, 250]), '--state', state, '--json')
    expect([t.code, t.err]).toEqual([0, ''])
    expect(JSON.parse(t.out)).toMatchObject({ status: 'success', contract: address, function: 'transfer(address,u256)', outputs: [true], events: [{ name: 'Transfer', args: { from: CALLER, to: BOB, amount: '250' } }] })
    // By container: the state's contract holding exactly this container.
    const b = await zvm('kalix', 'call', token, '--fn', 'balanceOf', '--args', JSON.stringify([BOB]), '--state', state)
    expect(b.out).toBe(`contract:   ${address} (Token)\nfunction:   balanceOf(address)\nresult:     250\n${b.out.split('\n')[3]}\n`)
    expect(b.out.split('\n')[3]).toMatch(/^gas used: {3}\d+$/)
    const before = readFileSync(state, 'utf8')
    const fail = await zvm('kalix', 'call', address, '--fn', 'transfer', '--args', JSON.stringify([BOB, '1000000']), '--state', state, '--json')
    expect(fail.code).toBe(1)
    expect(JSON.parse(fail.out)).toMatchObject({ status: 'revert', function: 'transfer(address,u256)', reason: 'insufficient balance' })
    const human = await zvm('kalix', 'call', address, '--fn', 'transfer', '--args', JSON.stringify([BOB, '1000000']), '--state', state)
    expect(human.out).toBe('status:     revert\nerror:      transfer(address,u256) reverted: insufficient balance (gas used ' + human.out.split('gas used ')[1])
    expect(readFileSync(state, 'utf8')).toBe(before)
  })

  it('a container called without a state is deployed first with --ctor-args', async () => {
    const counter = await build(dir, 'counter')
    const r = await zvm('kalix', 'call', counter, '--ctor-args', JSON.stringify([41, BOB]), '--fn', 'increment(u64)', '--args', '[1]', '--json')
    expect(JSON.parse(r.out)).toMatchObject({ status: 'success', outputs: ['42'], events: [{ name: 'Incremented', args: { by: CALLER, count: '42' } }] })
    const neg = await zvm('kalix', 'call', counter, '--ctor-args', JSON.stringify([0, BOB]), '--fn', 'negate', '--args', '["-7"]', '--json')
    expect(JSON.parse(neg.out)).toMatchObject({ outputs: ['7'] })
  })

  it('names the problem in one line', async () => {
    const token = await build(dir, 'token')
    expect(await zvm('kalix', 'call', token, '--ctor-args', '[1]', '--fn', 'mint', '--args', '[1]')).toMatchObject({ code: 1, err: expect.stringMatching(/^zvm: unknown function "mint": Token has constructor\(u256\), totalSupply\(\)/) })
    expect(await zvm('kalix', 'call', token, '--ctor-args', '[1]', '--fn', 'transfer', '--args', '[1]')).toMatchObject({ code: 1, err: 'zvm: (arguments): expected 2 values, got 1\n' })
    expect(await zvm('kalix', 'call', token, '--ctor-args', '[1]', '--fn', 'transfer', '--args', JSON.stringify([BOB, 1.5]))).toMatchObject({ code: 1, err: 'zvm: amount: 1.5 is not a safe integer; write big integers as strings\n' })
    expect(await zvm('kalix', 'deploy', token, '--args', '[1')).toMatchObject({ code: 2, err: expect.stringMatching(/^zvm: --args is not JSON/) })
    expect(await zvm('kalix', 'deploy', token, '--args', '{}')).toMatchObject({ code: 2, err: expect.stringMatching(/^zvm: --args must be a JSON list/) })
    expect(await zvm('kalix', 'call', token)).toMatchObject({ code: 2, err: expect.stringMatching(/needs --fn/) })
    expect(await zvm('kalix', 'deploy')).toMatchObject({ code: 2 })
    expect(await zvm('kalix', 'call', '0x00000000000000000000000000000000000000aa', '--fn', 'f')).toMatchObject({ code: 1, err: 'zvm: no contract at 0x00000000000000000000000000000000000000aa\n' })
    // A container without an ABI, and garbage.
    const bare = join(dir, 'bare.zvmc')
    expect((await zvm('asm', join(CONTRACTS, 'token.zasm'), '-o', bare)).code).toBe(0)
    expect(await zvm('kalix', 'deploy', bare)).toMatchObject({ code: 1, err: `zvm: ${bare}: the container has no ABI: a KALIX contract carries its ABI JSON\n` })
    const junk = join(dir, 'junk.zvmc')
    writeFileSync(junk, 'ZVMC\x01\x00\x00\x00\xff\xff\xff\xff')
    expect(await zvm('kalix', 'deploy', junk)).toMatchObject({ code: 1, err: expect.stringMatching(/^zvm: .*junk\.zvmc: invalid ZVMC codeLength at byte 8/) })
    // asm checks the ABI it embeds.
    const badAbi = join(dir, 'bad.abi.json')
    writeFileSync(badAbi, '{"contract":"X","functions":[{"name":"f"}]}')
    expect(await zvm('asm', join(CONTRACTS, 'token.zasm'), '--abi', badAbi, '-o', join(dir, 'x.zvmc'))).toMatchObject({ code: 1, err: `zvm: ${badAbi}: ABI functions[0].selector: expected a string, got nothing\n` })
    expect(existsSync(join(dir, 'x.zvmc'))).toBe(false)
  })
})
