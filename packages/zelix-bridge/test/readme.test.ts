/**
 * The README's second example (a solc-compiled contract) runs as written and
 * prints what its `// →` comments say; the first (KALIX) is run by the
 * repository's test/readme-examples.test.ts. Imported in this process, as
 * apps/node's README test does: a separate process would wait out the SDK's
 * request deadline timers.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

const DIR = join(import.meta.dirname, '..')

describe('README: the solc example', () => {
  it('runs and prints its // → lines', async () => {
    const blocks = [...readFileSync(join(DIR, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1])
    const code = blocks.find((b) => b.includes("from 'solc'"))!
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trimEnd())
    const file = join(DIR, 'test', '.readme-solc-example.ts')
    writeFileSync(file, code.replaceAll("from '@zvm/zelix-bridge'", "from '../src/index.ts'"))
    const printed: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.map((a) => (typeof a === 'bigint' ? `${a}n` : String(a))).join(' ')) })
    try {
      await import(pathToFileURL(file).href)
    } finally {
      log.mockRestore()
      rmSync(file, { force: true })
    }
    expect(printed.length).toBe(expected.length)
    printed.forEach((line, i) => expect(expected[i].endsWith('…') ? line.startsWith(expected[i].slice(0, -1)) : line).toBe(expected[i].endsWith('…') ? true : expected[i]))
  })
})
