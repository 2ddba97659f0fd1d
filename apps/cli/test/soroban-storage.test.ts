/**
 * `zvm soroban invoke --storage`: concurrent processes on one file lose no
 * update, and a file that is not a ledger of this format is refused untouched.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scValToNative, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.ts'
import { zvm } from './run-cli.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const BIN = join(ROOT, 'apps', 'cli', 'src', 'bin.ts')
const example = join(ROOT, 'examples', 'soroban', 'hello.wasm')

/** The CLI as its own process, from the TypeScript sources (no pnpm in between, to keep 12 of them cheap). */
function zvmProcess(...argv: string[]): Promise<{ code: number | null, out: string, err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, ...argv], { cwd: ROOT })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

const counterOf = (path: string): number => {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { data: { val: string }[] }
  return scValToNative(xdr.ScVal.fromXDR(file.data[0].val, 'base64')) as number
}

describe('zvm soroban invoke --storage', () => {
  it('12 concurrent processes incrementing one file all succeed and the counter ends at 12', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-storage-'))
    const storage = join(dir, 's.json')
    const runs = await Promise.all(Array.from({ length: 12 }, () => zvmProcess('soroban', 'invoke', example, '--fn', 'increment', '--storage', storage, '--json')))
    for (const r of runs) expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' })
    // Each call saw the count the previous one stored: every value from 1 to 12 exactly once.
    expect(runs.map((r) => (JSON.parse(r.out) as { result: number }).result).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(counterOf(storage)).toBe(12)
    expect(JSON.parse(readFileSync(storage, 'utf8'))).toMatchObject({ format: 'zvm-soroban-ledger', version: 1 })
    // No lock directory or temporary file left behind.
    expect(readdirSync(dir)).toEqual(['s.json'])
  }, 120_000)

  it('refuses a JSON file that is not a ledger, leaving it unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-storage-'))
    const cases: [string, RegExp][] = [
      ['{\n  "name": "my-app",\n  "version": "1.0.0",\n  "dependencies": {}\n}\n', /^zvm: --storage .*package\.json: not a valid ZVM Soroban ledger file: no "format": "zvm-soroban-ledger" field \(keys: name, version, dependencies\)\n$/],
      ['{"sequence":"x"}', /^zvm: --storage .*: not a valid ZVM Soroban ledger file: no "format"/],
      ['{"format":"zvm-soroban-ledger","version":1,"sequence":"x","contracts":[],"code":[],"data":[]}', /^zvm: --storage .*: not a valid ZVM Soroban ledger file: sequence must be a ledger number \(u32\), got "x"\n$/],
      ['{"format":"zvm-soroban-ledger","version":9,"contracts":[],"code":[],"data":[]}', /version 9 is not supported/],
      ['[1, 2]', /expected a JSON object, got a list/],
      ['{"format":"zvm-soroban-ledger","ver', /^zvm: --storage .* is not JSON: /],
    ]
    for (const [i, [text, message]] of cases.entries()) {
      const path = join(dir, i === 0 ? 'package.json' : `bad${i}.json`)
      writeFileSync(path, text)
      const r = await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', path)
      expect(r.code, text).toBe(1)
      expect(r.err, text).toMatch(message)
      expect(r.out).toBe('')
      expect(readFileSync(path, 'utf8')).toBe(text)
    }
    expect(readdirSync(dir).sort()).toEqual(['bad1.json', 'bad2.json', 'bad3.json', 'bad4.json', 'bad5.json', 'package.json'])
  })

  it('a missing or empty file is a new ledger; a file of the unmarked earlier shape is read and upgraded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-storage-'))
    const empty = join(dir, 'empty.json')
    writeFileSync(empty, '')
    expect((await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', empty)).code).toBe(0)
    expect(counterOf(empty)).toBe(1)
    const old = join(dir, 'old.json')
    const { format, version, ...unmarked } = JSON.parse(readFileSync(empty, 'utf8')) as Record<string, unknown>
    expect([format, version]).toEqual(['zvm-soroban-ledger', 1])
    writeFileSync(old, JSON.stringify(unmarked))
    expect((await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', old)).code).toBe(0)
    expect(counterOf(old)).toBe(2)
    expect(JSON.parse(readFileSync(old, 'utf8'))).toMatchObject({ format: 'zvm-soroban-ledger', version: 1 })
    const fresh = join(dir, 'sub', 'fresh.json')
    expect((await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', fresh)).err).toMatch(/^zvm: cannot lock --storage .*fresh\.json: its directory does not exist\n$/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', dir)).err).toMatch(/^zvm: cannot read --storage .*: is a directory\n$/)
    expect(existsSync(fresh)).toBe(false)
  })
})
