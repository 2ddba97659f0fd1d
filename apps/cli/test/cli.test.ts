/** The zvm command line, in process (fast) and once as a real process. */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeZvmc } from '@zvm/bytecode'
import { describe, expect, it } from 'vitest'
import { processIo, type CliIo } from '../src/io.ts'
import { main } from '../src/main.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** How to start pnpm: the one running this test (CI has no global pnpm), else from PATH. */
function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath)) return [process.execPath, [execPath, ...args]]
  return ['pnpm', args]
}

async function zvm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { ...processIo, out: (t) => { out += t }, err: (t) => { err += t } }
  const code = await main(argv, io)
  return { code, out, err }
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await zvm(...argv, '--json')
  return JSON.parse(r.out) as Record<string, unknown>
}

describe('zvm run', () => {
  it('runs the three spec vectors', async () => {
    expect(await json('run', '--hex', '0x112a11083000')).toEqual({ status: 'success', error: null, gasUsed: 9, returnData: '0x', logs: [] })
    expect((await json('run', '--hex', '0x112a11019111019000')).gasUsed).toBe(20309)
    expect((await json('run', '--hex', '0x112a11008111008000')).gasUsed).toBe(18)
  })
  it('runs the bundled counter with and without calldata', async () => {
    const file = join(ROOT, 'examples', 'counter.zasm')
    const once = await json('run', file)
    expect(once.status).toBe('success')
    expect(once.returnData).toBe(`0x${'1'.padStart(64, '0')}`)
    const five = await json('run', file, '--calldata', `0x${'5'.padStart(64, '0')}`)
    expect(five.returnData).toBe(`0x${'5'.padStart(64, '0')}`)
    expect((five.logs as { topics: string[] }[])[0].topics).toHaveLength(1)
  })
  it('reports errors and reverts with a non-zero exit', async () => {
    const r = await zvm('run', '--hex', '0xff', '--gas', '1000', '--json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toMatchObject({ status: 'error', error: 'InvalidOpcode', gasUsed: 1000 })
    expect(JSON.parse((await zvm('run', '--hex', '0x11001100a9', '--json')).out).status).toBe('revert')
  })
  it('bad input exits non-zero with one line and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['run', '--hex', '0xzz'], /bad --hex: not hex \(invalid hex character 'z' at position 0\)/],
      [['run', '--hex', '0x00', '--calldata', 'xyz'], /^zvm: bad --calldata: not hex \(invalid hex character 'x' at position 0\)$/],
      [['run', '--hex', '0x00', '--gas', '-1'], /^zvm: --gas must not be negative, got '-1'$/],
      [['run', '--hex', '0x00', '--gas', '1.5'], /^zvm: --gas must be a non-negative integer, got '1.5'$/],
      [['run', '--hex', '0x00', '--gas', '9007199254740992'], /^zvm: --gas is too large: 9007199254740992 \(max 9007199254740991\)$/],
      [['run', '--hex', '0x00', '--value', '-5'], /^zvm: --value must not be negative/],
      [['statetest', '.', '--workers', '-2'], /^zvm: --workers must not be negative/],
      [['run', join(ROOT, 'nope.zvmc')], /cannot read .*nope\.zvmc: no such file/],
      [['run'], /missing program/],
      [['run', '--hex', '0x00', '--gas', 'lots'], /--gas must be a non-negative integer/],
      [['run', '--hex', '0x00', '--calldata', '0x1'], /bad --calldata: hex string has odd length 1/],
      [['run', '--hex', '0x00', '--frobnicate'], /^zvm: unknown option '--frobnicate' for 'run' \(see 'zvm run --help'\)$/],
      [['frob'], /unknown command 'frob'/],
    ]
    for (const [argv, message] of cases) {
      const r = await zvm(...argv)
      expect(r.code, argv.join(' ')).not.toBe(0)
      expect(r.err.split('\n')[0]).toMatch(message)
      expect(r.err).not.toMatch(/\n\s+at /)
    }
  })
  it('rejects malformed containers naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-cli-'))
    const bad = encodeZvmc({ code: new Uint8Array([0]) })
    bad[4] = 9
    writeFileSync(join(dir, 'bad.zvmc'), bad)
    const r = await zvm('run', join(dir, 'bad.zvmc'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/bad\.zvmc: invalid ZVMC version at byte 4: unsupported version 9/)
    writeFileSync(join(dir, 'broken.zasm'), 'PUSH1 1\n  FROB\n')
    expect((await zvm('run', join(dir, 'broken.zasm'))).err).toMatch(/broken\.zasm: line 2, column 3: unknown mnemonic 'FROB'/)
  })
})

describe('input files that cannot be used', () => {
  it('every command says what is wrong with the file in one line and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-cli-files-'))
    const at = (name: string) => join(dir, name)
    // Sparse files: their size is checked before anything is read.
    writeFileSync(at('big.zasm'), '')
    truncateSync(at('big.zasm'), 65 * 1024 * 1024)
    writeFileSync(at('big.wasm'), '')
    truncateSync(at('big.wasm'), 65 * 1024 * 1024)
    writeFileSync(at('huge.json'), '')
    truncateSync(at('huge.json'), 3 * 1024 * 1024 * 1024)
    symlinkSync('loop.zasm', at('loop.zasm'))
    mkdirSync(at('dir.zvmc'))
    const cases: [string[], string][] = [
      [['run', at('big.zasm')], `zvm: cannot read ${at('big.zasm')}: file is too large (68157440 bytes, max 67108864)`],
      [['disasm', at('big.zasm')], `zvm: cannot read ${at('big.zasm')}: file is too large (68157440 bytes, max 67108864)`],
      [['asm', at('big.zasm'), '-o', at('x.zvmc')], `zvm: cannot read ${at('big.zasm')}: file is too large (68157440 bytes, max 67108864)`],
      [['soroban', 'validate', at('big.wasm')], `zvm: cannot read ${at('big.wasm')}: file is too large (68157440 bytes, max 67108864)`],
      [['run', at('loop.zasm')], `zvm: cannot read ${at('loop.zasm')}: too many levels of symbolic links`],
      [['asm', join(ROOT, 'examples', 'counter.zasm'), '-o', at('dir.zvmc')], `zvm: cannot write ${at('dir.zvmc')}: is a directory`],
      [['asm', join(ROOT, 'examples', 'counter.zasm'), '-o', at('no/x.zvmc')], `zvm: cannot write ${at('no/x.zvmc')}: its directory does not exist`],
    ]
    for (const [argv, message] of cases) {
      const r = await zvm(...argv)
      expect(r.code, argv.join(' ')).toBe(1)
      expect(r.err, argv.join(' ')).toBe(`${message}\n`)
    }
    const huge = await zvm('statetest', at('huge.json'))
    expect([huge.code, huge.out]).toEqual([1, `ERROR ${at('huge.json')}: cannot read: too large to read as one JSON text (3221225472 bytes, max 536870888)\n0 passed, 1 failed\n`])
  })
})

describe('zvm asm / disasm', () => {
  it('assembles to a container that runs and disassembles back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-cli-'))
    const out = join(dir, 'counter.zvmc')
    expect((await zvm('asm', join(ROOT, 'examples', 'counter.zasm'), '-o', out)).code).toBe(0)
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('ZVMC')
    expect((await json('run', out)).status).toBe('success')
    const text = (await zvm('disasm', out)).out
    expect(text).toContain('SSTORE')
    writeFileSync(join(dir, 'round.zasm'), text)
    expect((await zvm('asm', join(dir, 'round.zasm'), '-o', join(dir, 'round.zvmc'))).code).toBe(0)
    expect(readFileSync(join(dir, 'round.zvmc'))).toEqual(readFileSync(out))
  })
  it('asm needs -o', async () => {
    expect((await zvm('asm', join(ROOT, 'examples', 'counter.zasm'))).err).toMatch(/asm needs -o/)
  })
})

describe('as a process', () => {
  it('`pnpm zvm run --hex … --json` prints exactly one JSON object', async () => {
    const stdout = execFileSync(...pnpm(['zvm', 'run', '--hex', '0x112a11083000', '--json']), { cwd: ROOT, encoding: 'utf8' })
    expect(JSON.parse(stdout)).toEqual({ status: 'success', error: null, gasUsed: 9, returnData: '0x', logs: [] })
  })
  it('fails with exit 1 and a single line for a missing file', async () => {
    const r = spawnSync(...pnpm(['zvm', 'run', 'missing.zvmc']), { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).not.toBe(0)
    expect(r.stderr.trim()).toBe('zvm: cannot read missing.zvmc: no such file')
  })
})
