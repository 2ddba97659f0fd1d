/**
 * Every entry point of the command line with unusable input — empty,
 * truncated, of the wrong type, unreadable (a directory), corrupt state
 * files — prints one line naming the problem and exits non-zero; nothing
 * throws past main(). (Oversized inputs: cli.test.ts, "input files that
 * cannot be used".)
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { zvm } from './run-cli.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'zvm-bad-input-'))
const at = (name: string): string => join(dir, name)
const counter = readFileSync(join(ROOT, 'examples', 'counter.zasm'))
writeFileSync(at('empty.zasm'), '')
writeFileSync(at('empty.zvmc'), '')
writeFileSync(at('empty.wasm'), '')
writeFileSync(at('empty.json'), '')
writeFileSync(at('text.wasm'), 'hello\n')
writeFileSync(at('truncated.wasm'), new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05]))
writeFileSync(at('truncated.json'), '{"a": [1, 2')
writeFileSync(at('list.json'), '[1, 2, 3]\n')
writeFileSync(at('binary.zasm'), new Uint8Array([0xff, 0xfe, 0x00, 0x80]))
writeFileSync(at('counter.zasm'), counter)
mkdirSync(at('directory.zvmc'))

describe('unusable input on every entry point', () => {
  const cases: [string, string[], RegExp][] = [
    ['run: empty file', ['run', at('empty.zasm')], /^zvm: .*empty\.zasm: file is empty$/],
    ['run: empty container', ['run', at('empty.zvmc')], /^zvm: .*empty\.zvmc: file is empty$/],
    ['run: binary that is neither', ['run', at('binary.zasm')], /^zvm: .*binary\.zasm: not a ZVMC container and not UTF-8 assembly text$/],
    ['run: a directory', ['run', at('directory.zvmc')], /^zvm: cannot read .*directory\.zvmc: is a directory$/],
    ['run --target hedera: empty', ['run', '--target', 'hedera', at('empty.json')], /^zvm: .*empty\.json: file is empty$/],
    ['run --target hedera: truncated state', ['run', '--target', 'hedera', '--hex', '0x00', '--state', at('truncated.json')], /^zvm: --state .*truncated\.json is not a zvm-hedera-run-state v1 file: not JSON/],
    ['asm: empty source', ['asm', at('empty.zasm'), '-o', at('out.zvmc')], /^zvm: .*empty\.zasm: file is empty$/],
    ['asm: a directory as output', ['asm', at('counter.zasm'), '-o', at('directory.zvmc')], /^zvm: cannot write .*directory\.zvmc: is a directory$/],
    ['disasm: empty', ['disasm', at('empty.zvmc')], /^zvm: .*empty\.zvmc: file is empty$/],
    ['disasm: wrong type', ['disasm', at('text.wasm')], /^zvm: .*text\.wasm: line 1, column 1: unknown mnemonic 'hello'$/],
    ['soroban validate: empty', ['soroban', 'validate', at('empty.wasm')], /^zvm: .*empty\.wasm: file is empty$/],
    ['soroban validate: truncated', ['soroban', 'validate', at('truncated.wasm')], /^zvm: .*truncated\.wasm: section 1 runs past the end \(at byte 8\)/],
    ['soroban validate: wrong type', ['soroban', 'validate', at('text.wasm')], /^zvm: .*text\.wasm: not a WebAssembly 1\.0 module/],
    ['soroban invoke: truncated', ['soroban', 'invoke', at('truncated.wasm'), '--fn', 'f'], /^zvm: .*truncated\.wasm: section 1 runs past the end/],
    ['soroban invoke: a directory', ['soroban', 'invoke', at('directory.zvmc'), '--fn', 'f'], /^zvm: cannot read .*directory\.zvmc: is a directory$/],
    ['kalix deploy: empty', ['kalix', 'deploy', at('empty.zvmc')], /^zvm: .*empty\.zvmc: file is empty$/],
    ['kalix deploy: wrong type', ['kalix', 'deploy', at('text.wasm')], /^zvm: .*text\.wasm: invalid ZVMC header at byte 6: truncated/],
    ['kalix call: a directory', ['kalix', 'call', at('directory.zvmc'), '--fn', 'f()'], /^zvm: cannot read .*directory\.zvmc: is a directory$/],
    ['kalix call: state of the wrong type', ['kalix', 'call', '0x0000000000000000000000000000000000000001', '--fn', 'f()', '--state', at('list.json')], /^zvm: --state .*list\.json is not a zvm-hedera-run-state v1 file: not a JSON object$/],
    ['node: --data names a file', ['node', '--data', at('empty.json')], /^zvm: --data .*empty\.json is not a directory/],
    ['node: bad port', ['node', '--port', 'abc'], /^zvm: --port must be a non-negative integer, got 'abc'$/],
  ]
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await zvm(...argv)
    expect(r.code).not.toBe(0)
    expect(r.err.trimEnd().split('\n')).toHaveLength(1)
    expect(r.err.trimEnd()).toMatch(message)
  })

  it('state files: truncated or of the wrong type are refused, and left as they were', async () => {
    const wasm = join(ROOT, 'examples', 'soroban', 'hello.wasm')
    for (const file of ['truncated.json', 'list.json']) {
      const before = readFileSync(at(file), 'utf8')
      const r = await zvm('soroban', 'invoke', wasm, '--fn', 'increment', '--storage', at(file))
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/^zvm: --storage .* (is not JSON|not a valid ZVM Soroban ledger file)/)
      expect(readFileSync(at(file), 'utf8')).toBe(before)
    }
  })
})
