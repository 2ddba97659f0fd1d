/** `zvm run --target evm` and `zvm statetest` on a fixture written here (so it runs without ../shared). */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { processIo, type CliIo } from '../src/io.ts'
import { main } from '../src/main.ts'

async function zvm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { ...processIo, isTerminal: false, out: (t) => { out += t }, err: (t) => { err += t } }
  const code = await main(argv, io)
  return { code, out, err }
}

describe('zvm run --target evm', () => {
  it('runs EVM bytecode with the same JSON shape', async () => {
    // PUSH1 42 PUSH1 8 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
    const r = await zvm('run', '--target', 'evm', '--hex', '0x602a600801600052602060' + '00f3', '--json')
    expect(JSON.parse(r.out)).toEqual({ status: 'success', error: null, gasUsed: 24, returnData: `0x${'32'.padStart(64, '0')}`, logs: [] })
  })
  it('uses EVM opcodes and precompiles (SHA256 via STATICCALL)', async () => {
    // STATICCALL(gas, 0x02, 0, 0, 0, 32) then RETURN 32 bytes: sha256('')
    const code = '0x6020600060006000600261fffffa5060206000f3'
    const r = JSON.parse((await zvm('run', '--target', 'evm', '--hex', code, '--json')).out) as { returnData: string }
    expect(r.returnData).toBe('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
  it('rejects an unknown target or fork', async () => {
    expect((await zvm('run', '--target', 'wasm', '--hex', '0x00')).err).toMatch(/--target must be native, evm or hedera/)
    expect((await zvm('run', '--target', 'evm', '--fork', 'Frontier', '--hex', '0x00')).err).toMatch(/unknown --fork 'Frontier'/)
  })
})

describe('zvm statetest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvm-st-'))
  // A transfer of 1 wei from a funded sender, with its real post-state root computed by this engine's
  // trie; the fixture shape is the ethereum/tests one.
  const sender = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'
  const fixture = (hash: string) => ({
    simple: {
      env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentGasLimit: '0x05f5e100', currentNumber: '0x01', currentTimestamp: '0x03e8', currentBaseFee: '0x0a', currentRandom: '0x00', currentDifficulty: '0x00' },
      pre: {
        [sender]: { balance: '0x0de0b6b3a7640000', code: '0x', nonce: '0x00', storage: {} },
        '0x1000000000000000000000000000000000000000': { balance: '0x00', code: '0x600160005500', nonce: '0x01', storage: {} },
      },
      transaction: { data: ['0x'], gasLimit: ['0x0186a0'], value: ['0x01'], nonce: '0x00', sender, to: '0x1000000000000000000000000000000000000000', gasPrice: '0x0a' },
      post: { Cancun: [{ hash, logs: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347', indexes: { data: 0, gas: 0, value: 0 } }] },
    },
  })

  it('reports a wrong root as a failure line naming the case, then N passed, N failed', async () => {
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(fixture('0x' + '00'.repeat(32))))
    const r = await zvm('statetest', join(dir, 'wrong.json'))
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^FAIL .*wrong\.json simple #0 \(data 0, gas 0, value 0\): state root expected 0x0{64} got 0x[0-9a-f]{64}/m)
    expect(r.out.trim().split('\n').pop()).toBe('0 passed, 1 failed')
  })

  it('--trace writes EIP-3155 lines and a summary to stderr', async () => {
    writeFileSync(join(dir, 'trace.json'), JSON.stringify(fixture('0x' + '00'.repeat(32))))
    const r = await zvm('statetest', join(dir, 'trace.json'), '--trace')
    const lines = r.err.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(Object.keys(lines[0])).toEqual(['pc', 'op', 'gas', 'gasCost', 'memSize', 'stack', 'depth', 'returnData', 'refund', 'opName'])
    expect(lines.map((l) => l.opName)).toEqual(['PUSH1', 'PUSH1', 'SSTORE', 'STOP', undefined])
    expect(lines[2]).toMatchObject({ pc: 4, op: 0x55, gasCost: '0x5654', stack: ['0x1', '0x0'], depth: 1, memSize: 0 }) // 22100 = cold SSTORE set
    expect(Object.keys(lines[4])).toEqual(['stateRoot', 'output', 'gasUsed', 'pass'])
    expect(lines[4].pass).toBe(false)
  })

  it('--json ends with a summary; bad paths and forks are one-line errors', async () => {
    const r = await zvm('statetest', join(dir, 'wrong.json'), '--json')
    const summary = JSON.parse(r.out.trim().split('\n').pop()!) as { passed: number; failed: number; failures: unknown[] }
    expect([summary.passed, summary.failed, summary.failures.length]).toEqual([0, 1, 1])
    expect((await zvm('statetest', join(dir, 'missing'))).err).toMatch(/cannot read .*missing/)
    expect((await zvm('statetest', dir, '--fork', 'Frontier')).err).toMatch(/unknown --fork/)
    writeFileSync(join(dir, 'broken.json'), '{not json')
    const broken = await zvm('statetest', join(dir, 'broken.json'))
    expect(broken.out).toMatch(/^ERROR .*broken\.json: not JSON/m)
  })
})
