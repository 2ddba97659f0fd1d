/**
 * `zvm statetest` on fixtures of the wrong shape, unreadable paths and dying
 * workers: each problem is an ERROR line naming the file, counted as failed;
 * the other files still run; a run where nothing ran is not a success.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.ts'
import { zvm } from './run-cli.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const BIN = join(ROOT, 'apps', 'cli', 'src', 'bin.ts')

/** The CLI as its own process (workers are child processes started with its loader). */
function zvmProcess(env: Record<string, string>, ...argv: string[]): Promise<{ code: number | null, out: string, err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, ...argv], { cwd: ROOT, env: { ...process.env, ...env } })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

const sender = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'
// A transfer of 1 wei to a contract that stores 1 (as in evm-cli.test.ts), with the given post entries.
const fixture = (post: unknown) => ({
  simple: {
    env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentGasLimit: '0x05f5e100', currentNumber: '0x01', currentTimestamp: '0x03e8', currentBaseFee: '0x0a', currentRandom: '0x00', currentDifficulty: '0x00' },
    pre: {
      [sender]: { balance: '0x0de0b6b3a7640000', code: '0x', nonce: '0x00', storage: {} },
      '0x1000000000000000000000000000000000000000': { balance: '0x00', code: '0x600160005500', nonce: '0x01', storage: {} },
    },
    transaction: { data: ['0x'], gasLimit: ['0x0186a0'], value: ['0x01'], nonce: '0x00', sender, to: '0x1000000000000000000000000000000000000000', gasPrice: '0x0a' },
    post,
  },
})
const EMPTY_LOGS = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'
const entry = (hash: string, data = 0) => ({ hash, logs: EMPTY_LOGS, indexes: { data, gas: 0, value: 0 } })

/** A directory with a fixture that passes, written as `name`. */
async function passing(dir: string, ...names: string[]): Promise<void> {
  const probe = join(mkdtempSync(join(tmpdir(), 'zvm-st-probe-')), 'probe.json')
  writeFileSync(probe, JSON.stringify(fixture({ Cancun: [entry('0x' + '00'.repeat(32))] })))
  const r = await zvm('statetest', probe, '--json')
  const root = (JSON.parse(r.out.trim().split('\n').pop()!) as { failures: { actualRoot: string }[] }).failures[0].actualRoot
  for (const name of names) writeFileSync(join(dir, name), JSON.stringify(fixture({ Cancun: [entry(root)] })))
}

describe('zvm statetest with bad fixtures', () => {
  it('each wrong-shape or unreadable file is an ERROR line; the others still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-st-bad-'))
    const fixtures = join(dir, 'fixtures')
    mkdirSync(fixtures)
    await passing(fixtures, 'good.json')
    const bad: [string, unknown, string][] = [
      ['post-null.json', fixture({ Cancun: [null] }), 'test simple: post.Cancun[0] must be an object, got null'],
      ['post-string.json', fixture({ Cancun: ['ab'] }), 'test simple: post.Cancun[0] must be an object, got string "ab"'],
      ['post-empty.json', fixture({ Cancun: [{}] }), 'test simple: post.Cancun[0].hash must be a string, got nothing'],
      ['post-index.json', fixture({ Cancun: [entry('0x00', 3)] }), 'test simple: post.Cancun[0].indexes.data is 3 but transaction.data has 1 entries'],
      ['list.json', [], 'expected an object of named tests, got a list'],
      ['empty.json', {}, 'no tests in the file'],
    ]
    for (const [name, json] of bad) writeFileSync(join(fixtures, name), JSON.stringify(json))
    symlinkSync('loop-b.json', join(fixtures, 'loop-a.json'))
    symlinkSync('loop-a.json', join(fixtures, 'loop-b.json'))
    symlinkSync('.', join(fixtures, 'self')) // a directory link back to itself: walked once
    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'hello')

    const r = await zvm('statetest', fixtures, notes, '--workers', '1')
    const lines = r.out.trim().split('\n')
    const errors = lines.filter((l) => l.startsWith('ERROR ')).sort()
    expect(errors).toEqual([
      ...bad.map(([name, , problem]) => `ERROR ${join(fixtures, name)}: ${problem}`),
      `ERROR ${join(fixtures, 'loop-a.json')}: cannot read: too many levels of symbolic links (a link loop)`,
      `ERROR ${join(fixtures, 'loop-b.json')}: cannot read: too many levels of symbolic links (a link loop)`,
      expect.stringMatching(new RegExp(`^ERROR ${notes}: not JSON`)),
    ].sort())
    expect(lines.pop()).toBe(`1 passed, ${errors.length} failed`)
    expect(r.code).toBe(1)
    expect(r.err).toBe('')
  })

  it('a run in which no case ran exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-st-none-'))
    writeFileSync(join(dir, 'shanghai-only.json'), JSON.stringify(fixture({ Shanghai: [entry('0x00')] })))
    const r = await zvm('statetest', dir)
    expect(r.out).toBe('0 passed, 0 failed\n')
    expect(r.err).toBe('zvm: no Cancun test cases in 1 fixture file\n')
    expect(r.code).toBe(1)
    const empty = mkdtempSync(join(tmpdir(), 'zvm-st-empty-'))
    expect((await zvm('statetest', empty)).code).toBe(1)
  })

  it('a worker that dies fails its file and the remaining files still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-st-die-'))
    await passing(dir, 'a.json', 'b.json', 'c.json', 'd.json', 'dies.json')
    writeFileSync(join(dir, 'post-null.json'), JSON.stringify(fixture({ Cancun: [null] })))
    const r = await zvmProcess({ ZVM_TEST_STATETEST_WORKER_KILL_ON: 'dies.json' }, 'statetest', dir, '--workers', '2')
    const lines = r.out.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('ERROR ')).sort()).toEqual([
      `ERROR ${join(dir, 'dies.json')}: the worker running it was killed by SIGKILL (out of memory?)`,
      `ERROR ${join(dir, 'post-null.json')}: test simple: post.Cancun[0] must be an object, got null`,
    ])
    expect(lines.pop()).toBe('4 passed, 2 failed')
    expect(r.code).toBe(1)
  }, 120_000)
})
