/** Hostile fixture files: parseStateTestFile and findFixtureFiles fail with a FixtureError naming the file and the field. */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { FixtureError, parseStateTestFile } from './fixture.ts'
import { findFixtureFiles, runFixtureFile } from './files.ts'

const test = (patch: Record<string, unknown>) => JSON.stringify({
  t: {
    env: { currentNumber: '0x01' },
    pre: { '0x1000000000000000000000000000000000000000': { balance: '0x00', code: '0x', nonce: '0x00', storage: {} } },
    transaction: { data: ['0x'], gasLimit: ['0x5208'], value: ['0x00'], nonce: '0x00', to: '', sender: '0x1000000000000000000000000000000000000000' },
    post: { Cancun: [{ hash: '0x00', logs: '0x00', indexes: { data: 0, gas: 0, value: 0 } }] },
    ...patch,
  },
})

const problem = (text: string): string => {
  try {
    parseStateTestFile(text, 'f.json')
  } catch (e) {
    expect(e).toBeInstanceOf(FixtureError)
    return (e as Error).message
  }
  throw new Error('accepted')
}

it('names the file, the test and the field of the wrong shape', () => {
  expect(parseStateTestFile(test({}), 'f.json').t.transaction.data).toEqual(['0x'])
  expect(problem('[]')).toBe('f.json: expected an object of named tests, got a list')
  expect(problem('7')).toBe('f.json: expected an object of named tests, got number 7')
  expect(problem('{}')).toBe('f.json: no tests in the file')
  expect(problem('{"t": null}')).toMatch(/^f\.json: t is not a state test/)
  expect(problem(test({ post: { Cancun: [null] } }))).toBe('f.json: test t: post.Cancun[0] must be an object, got null')
  expect(problem(test({ post: { Cancun: {} } }))).toBe('f.json: test t: post.Cancun must be a list, got an object')
  expect(problem(test({ post: { Cancun: [{ hash: '0x00', logs: '0x00', indexes: { data: 0, gas: -1, value: 0 } }] } }))).toBe('f.json: test t: post.Cancun[0].indexes.gas must be a non-negative integer, got number -1')
  expect(problem(test({ env: { currentNumber: 1 } }))).toBe('f.json: test t: env.currentNumber must be a string, got number 1')
  expect(problem(test({ pre: { a: { balance: '0x00', nonce: '0x00' } } }))).toBe('f.json: test t: pre.a.code must be a string, got nothing')
  expect(problem(test({ transaction: { data: [], gasLimit: ['0x00'], value: ['0x00'], nonce: '0x00', to: '' } }))).toBe('f.json: test t: transaction.data must not be empty')
  expect(problem(test({ transaction: { data: ['0x'], gasLimit: ['0x00'], value: ['0x00'], nonce: '0x00', to: '', accessLists: [5] } }))).toBe('f.json: test t: transaction.accessLists[0] must be a list or null, got number 5')
})

it('a file that cannot be read or parsed comes back as an error, never a throw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvm-shape-'))
  symlinkSync('loop', join(dir, 'loop'))
  expect(runFixtureFile(join(dir, 'loop'), 'Cancun').error).toBe(`${join(dir, 'loop')}: cannot read: too many levels of symbolic links (a link loop)`)
  writeFileSync(join(dir, 'bad.json'), test({ post: { Cancun: ['ab'] } }))
  expect(runFixtureFile(join(dir, 'bad.json'), 'Cancun').error).toBe(`${join(dir, 'bad.json')}: test t: post.Cancun[0] must be an object, got string "ab"`)
  // Without a problem callback, a path that cannot be searched throws.
  expect(() => findFixtureFiles([dir])).toThrow(FixtureError)
  const problems: string[] = []
  expect(findFixtureFiles([dir], (p) => problems.push(p.path))).toEqual([join(dir, 'bad.json')])
  expect(problems).toEqual([join(dir, 'loop')])
})
