/** `zvm run --target hedera`: Hedera's system contracts from EVM bytecode, --json with the response code, --state between runs. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeAbiParameters, encodeFunctionData, parseAbi, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { HTS_ABI } from '@zvm/chain-hedera'
import { processIo, type CliIo } from '../src/io.ts'
import { main } from '../src/main.ts'

async function zvm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { ...processIo, isTerminal: false, out: (t) => { out += t }, err: (t) => { err += t } }
  const code = await main(argv, io)
  return { code, out, err }
}

const hex2 = (n: number) => n.toString(16).padStart(4, '0')

/**
 * EVM code that CALLs `target` with `calldata` (forwarding CALLVALUE and all gas) and
 * returns the call's return data, or reverts with its revert data.
 */
function callProgram(target: number, calldata: Hex): string {
  const data = calldata.slice(2)
  let code = ''
  for (let i = 0; i < data.length; i += 64) code += `7f${data.slice(i, i + 64).padEnd(64, '0')}61${hex2(i / 2)}52` // PUSH32 chunk PUSH2 offset MSTORE
  code += `6100006100006100${hex2(data.length / 2).slice(2)}6000` // retSize 0, retOffset 0, argsSize, argsOffset 0
  code = code.replace('6100006100006100', `61000061000061${hex2(data.length / 2).slice(0, 2)}`)
  code += `3461${hex2(target)}5af1` // CALLVALUE PUSH2 target GAS CALL
  code += '3d60006000' + '3e' // RETURNDATACOPY(0, 0, RETURNDATASIZE)
  const okAt = code.length / 2 + 3 + 1 + 4
  code += `61${hex2(okAt)}57` + '3d6000fd' + '5b3d6000f3' // JUMPI ok; REVERT; ok: RETURN
  return `0x${code}`
}

interface RunJson { status: string; error: string | null; gasUsed: number; returnData: Hex; responseCode: number; responseCodeName: string }

describe('zvm run --target hedera', () => {
  it('calls 0x168 tinycentsToTinybars and prints the result and response code', async () => {
    const program = callProgram(0x168, encodeFunctionData({ abi: parseAbi(['function tinycentsToTinybars(uint256) returns (uint256)']), args: [1200n] }))
    const r = await zvm('run', '--target', 'hedera', program, '--json')
    expect(r.err).toBe('')
    const j = JSON.parse(r.out) as RunJson
    expect([j.status, BigInt(j.returnData), j.responseCode, j.responseCodeName]).toEqual(['success', 100n, 22, 'SUCCESS']) // 12 tinycents a tinybar
    const human = await zvm('run', '--target', 'hedera', program)
    expect(human.out).toMatch(/returned: +0x0{61}064 \(= 100\)/)
    expect(human.out).toMatch(/^response: +22 SUCCESS$/m)
  })

  it('a failing 0x167 view reverts with Error(<code name>): status revert, response code 33', async () => {
    const program = callProgram(0x167, encodeFunctionData({ abi: HTS_ABI, functionName: 'getTokenType', args: ['0x00000000000000000000000000000000000004d2'] }))
    const r = await zvm('run', '--target', 'hedera', program, '--json')
    const j = JSON.parse(r.out) as RunJson
    expect([r.code, j.status, j.responseCode, j.responseCodeName]).toEqual([1, 'revert', 33, 'CONTRACT_REVERT_EXECUTED'])
    expect(decodeAbiParameters([{ type: 'string' }], `0x${j.returnData.slice(10)}`)[0]).toBe('INVALID_TOKEN_ID')
  })

  it('--state keeps the ledger: a token created in run 1 (paid with --value) is a token in run 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-hedera-'))
    const state = join(dir, 'state.json')
    const token = {
      name: 'Gold', symbol: 'AU', treasury: '0x2000000000000000000000000000000000000002', memo: '', tokenSupplyType: false, maxSupply: 0n,
      freezeDefault: false, tokenKeys: [], expiry: { second: 0n, autoRenewAccount: '0x0000000000000000000000000000000000000000', autoRenewPeriod: 0n },
    } as const
    const create = callProgram(0x167, encodeFunctionData({ abi: HTS_ABI, functionName: 'createFungibleToken', args: [token, 1000n, 2] }))
    const r1 = await zvm('run', '--target', 'hedera', create, '--value', '1000000000', '--state', state, '--json')
    expect(r1.err).toBe('')
    const j1 = JSON.parse(r1.out) as RunJson
    const [rc, tokenAddress] = decodeAbiParameters([{ type: 'int64' }, { type: 'address' }], j1.returnData)
    expect([j1.status, rc]).toEqual(['success', 22n])
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { format: string; version: number; ledger: { tokens: unknown[] } }
    expect([saved.format, saved.version]).toEqual(['zvm-hedera-run-state', 1])

    const isToken = callProgram(0x167, encodeFunctionData({ abi: HTS_ABI, functionName: 'isToken', args: [tokenAddress] }))
    const j2 = JSON.parse((await zvm('run', '--target', 'hedera', isToken, '--state', state, '--json')).out) as RunJson
    expect(decodeAbiParameters([{ type: 'int64' }, { type: 'bool' }], j2.returnData)).toEqual([22n, true])
    // Without the state the token does not exist.
    const j3 = JSON.parse((await zvm('run', '--target', 'hedera', isToken, '--json')).out) as RunJson
    expect(decodeAbiParameters([{ type: 'int64' }, { type: 'bool' }], j3.returnData)).toEqual([22n, false])
    // The caller sent 10 HBAR; 0x167 kept the $1 fee (833,333,333 tinybar at 12¢/HBAR) and gave the rest back to the program.
    const accounts = (JSON.parse(readFileSync(state, 'utf8')) as { accounts: Record<string, { balance: string }> }).accounts
    expect(BigInt(accounts['0x1000000000000000000000000000000000000001'].balance)).toBe(10_000n * 100_000_000n - 1_000_000_000n)
    expect(BigInt(accounts['0x2000000000000000000000000000000000000002'].balance)).toBe(1_000_000_000n - 833_333_333n)
  })

  it('refuses a state file of another format with one line and leaves it unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-hedera-'))
    const state = join(dir, 'state.json')
    for (const content of ['{"format":"zvm-soroban-ledger","version":1}\n', '{"format":"zvm-hedera-run-state","version":2,"ledger":{},"accounts":{}}\n', 'not json\n']) {
      writeFileSync(state, content)
      const r = await zvm('run', '--target', 'hedera', '0x00', '--state', state)
      expect(r.code).toBe(1)
      expect(r.err, r.err).toMatch(/^zvm: --state .*state\.json is not a zvm-hedera-run-state v1 file: [^\n]*\n$/)
      expect(readFileSync(state, 'utf8')).toBe(content)
    }
  })

  it('usage: --state needs --target hedera; --gas above 15,000,000 is refused', async () => {
    expect(await zvm('run', '--target', 'evm', '--hex', '0x00', '--state', 'x.json')).toMatchObject({ code: 2, err: 'zvm: --state needs --target hedera\n' })
    expect((await zvm('run', '--target', 'hedera', '0x00', '--gas', '15000001')).err).toMatch(/above Hedera's 15000000/)
    expect((await zvm('run', '--help')).out).toMatch(/--target hedera/)
  })
})
