/** `--help` on every command, `--version`, one-line usage errors, fork names in any case. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.ts'
import { zvm } from './run-cli.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')

const COMMANDS: [string[], RegExp][] = [
  [['run'], /^usage: zvm run <file\.zvmc\|file\.zasm> \| --hex <code>.*\n[\s\S]*--fork <name>[\s\S]*--json/],
  [['asm'], /^usage: zvm asm <in\.zasm> -o <out\.zvmc> \[--abi <abi\.json>\]\n[\s\S]*-o, --output <file>[\s\S]*--abi <file\.json>/],
  [['disasm'], /^usage: zvm disasm <file\.zvmc\|file\.zasm> \| --hex <code>\n/],
  [['statetest'], /^usage: zvm statetest <file-or-dir…>[\s\S]*--workers <n>[\s\S]*--tier <name>/],
  [['soroban', 'invoke'], /^usage: zvm soroban invoke <file\.wasm> --fn <name>[\s\S]*--arg-json <list>[\s\S]*--storage <file\.json>/],
  [['soroban', 'validate'], /^usage: zvm soroban validate <file\.wasm>\n/],
  [['kalix', 'deploy'], /^usage: zvm kalix deploy <file\.zvmc> \[--args '<JSON list>'\][\s\S]*--state <file\.json>[\s\S]*--json/],
  [['kalix', 'call'], /^usage: zvm kalix call <file\.zvmc\|address> --fn <name\|signature>[\s\S]*--ctor-args <list>[\s\S]*--json/],
]

describe('--help', () => {
  it('every command prints its usage and options on --help and -h, exit 0, nothing on stderr', async () => {
    for (const [command, usage] of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const r = await zvm(...command, flag)
        expect([r.code, r.err], `${command.join(' ')} ${flag}`).toEqual([0, ''])
        expect(r.out, `${command.join(' ')} ${flag}`).toMatch(usage)
        expect(r.out).toMatch(/-h, --help +show this help\n$/)
      }
      // Among other options, before the file, and as `zvm help <command>`.
      expect((await zvm(...command, 'x.wasm', '--json', '--help')).out).toMatch(usage)
      expect((await zvm('help', ...command)).out).toMatch(usage)
    }
  })
  it('--help wins over unknown options, but a value that looks like --help is a value', async () => {
    expect((await zvm('run', '--frob', '--help')).code).toBe(0)
    const r = await zvm('soroban', 'invoke', join(ROOT, 'nope.wasm'), '--fn', 'f', '--arg-json', '--help')
    expect(r.code).not.toBe(0)
    expect(r.out).toBe('')
  })
  it('the top level and `zvm soroban` list the commands', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await zvm(...argv)
      expect(r.code).toBe(0)
      for (const [command] of COMMANDS) expect(r.out).toContain(`zvm ${command.join(' ')} `)
      expect(r.out).toContain('zvm --version')
    }
    // No command at all is a usage error, still with the usage.
    expect((await zvm()).code).toBe(2)
    const soroban = await zvm('soroban', '--help')
    expect(soroban.code).toBe(0)
    expect(soroban.out).toMatch(/zvm soroban invoke [\s\S]*zvm soroban validate /)
    expect((await zvm('soroban')).code).toBe(2)
    const kalix = await zvm('kalix', '--help')
    expect(kalix.code).toBe(0)
    expect(kalix.out).toMatch(/zvm kalix deploy [\s\S]*zvm kalix call /)
    expect((await zvm('kalix')).code).toBe(2)
    expect(await zvm('kalix', 'frob')).toEqual({ code: 2, out: '', err: "zvm: unknown kalix command 'frob' (deploy, call; see 'zvm kalix --help')\n" })
  })
})

describe('--version', () => {
  it('prints the CLI package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'apps', 'cli', 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-v']) expect(await zvm(flag)).toEqual({ code: 0, out: `zvm ${version}\n`, err: '' })
  })
})

describe('usage errors', () => {
  it('are one line naming the option and the command, exit 2', async () => {
    const cases: [string[], string][] = [
      [['run', '--foo'], `zvm: unknown option '--foo' for 'run' (see 'zvm run --help')`],
      [['run', '--hex', '0x00', '-x'], `zvm: unknown option '-x' for 'run' (see 'zvm run --help')`],
      [['asm', 'a.zasm', '--hex', '0x00'], `zvm: unknown option '--hex' for 'asm' (see 'zvm asm --help')`],
      [['disasm', '--output', 'x'], `zvm: unknown option '--output' for 'disasm' (see 'zvm disasm --help')`],
      [['statetest', '.', '--frob=1'], `zvm: unknown option '--frob' for 'statetest' (see 'zvm statetest --help')`],
      [['soroban', 'invoke', 'a.wasm', '--function', 'f'], `zvm: unknown option '--function' for 'soroban invoke' (see 'zvm soroban invoke --help')`],
      [['soroban', 'validate', 'a.wasm', '--json'], `zvm: unknown option '--json' for 'soroban validate' (see 'zvm soroban validate --help')`],
      [['soroban', '--json'], `zvm: unknown option '--json' for 'soroban' (see 'zvm soroban --help')`],
      [['soroban', 'deploy'], `zvm: unknown soroban command 'deploy' (invoke, validate; see 'zvm soroban --help')`],
      [['--foo'], `zvm: unknown option '--foo' (see 'zvm --help')`],
      [['frob'], `zvm: unknown command 'frob' (see 'zvm --help')`],
      [['run', '--hex'], `zvm: option '--hex' needs a value (see 'zvm run --help')`],
      [['run', '--gas', '--json', '--hex', '0x00'], `zvm: option '--gas' needs a value (see 'zvm run --help')`],
      [['run', '--json=yes', '--hex', '0x00'], `zvm: option '--json' takes no value (see 'zvm run --help')`],
    ]
    for (const [argv, line] of cases) {
      expect(await zvm(...argv), argv.join(' ')).toEqual({ code: 2, out: '', err: `${line}\n` })
    }
  })
})

describe('fork names', () => {
  it('are accepted in any case by run and statetest', async () => {
    // PUSH0 (Shanghai and later) then STOP: EVM bytecode.
    for (const fork of ['prague', 'PRAGUE', 'Prague', 'cancun', 'shanghai']) {
      const r = await zvm('run', '--target', 'evm', '--fork', fork, '--hex', '0x5f00', '--json')
      expect([r.code, r.err], fork).toEqual([0, ''])
    }
    expect((await zvm('run', '--fork', 'cancun', '--hex', '0x112a11083000')).code).toBe(0)
    expect((await zvm('run', '--target', 'evm', '--fork', 'frontier', '--hex', '0x00')).err).toBe(`zvm: unknown --fork 'frontier' (Shanghai, Cancun, Prague)\n`)
    // statetest finds the fixture's post entries (keyed 'Cancun') by the canonical name: the case runs.
    const sender = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'
    const file = join(mkdtempSync(join(tmpdir(), 'zvm-fork-')), 'case.json')
    writeFileSync(file, JSON.stringify({
      simple: {
        env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentGasLimit: '0x05f5e100', currentNumber: '0x01', currentTimestamp: '0x03e8', currentBaseFee: '0x0a', currentRandom: '0x00', currentDifficulty: '0x00' },
        pre: { [sender]: { balance: '0x0de0b6b3a7640000', code: '0x', nonce: '0x00', storage: {} } },
        transaction: { data: ['0x'], gasLimit: ['0x0186a0'], value: ['0x01'], nonce: '0x00', sender, to: '0x1000000000000000000000000000000000000000', gasPrice: '0x0a' },
        post: { Cancun: [{ hash: `0x${'00'.repeat(32)}`, logs: `0x${'00'.repeat(32)}`, indexes: { data: 0, gas: 0, value: 0 } }] },
      },
    }))
    for (const fork of ['CANCUN', 'cancun']) {
      const r = await zvm('statetest', file, '--fork', fork, '--workers', '1')
      expect(r.out.trim().split('\n').pop(), fork).toBe('0 passed, 1 failed')
    }
  })
})
