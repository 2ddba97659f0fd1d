/**
 * apps/node/README.md's example runs as written and prints what its `// →`
 * comments say. It is imported in this process (its imports resolve to this
 * package's sources): a separate process would wait out the SDK's 10 s
 * request deadline timers, which the SDK leaves running after each call.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

const DIR = join(import.meta.dirname, '..')

describe('README example', () => {
  it('runs and prints its // → lines', async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(DIR, 'README.md'), 'utf8'))![1]
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trimEnd())
    const file = join(DIR, 'test', '.readme-example.ts')
    writeFileSync(file, code.replaceAll("from '@zvm/node'", "from '../src/index.ts'"))
    const printed: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.map((a) => (typeof a === 'bigint' ? `${a}n` : String(a))).join(' ')) })
    try {
      await import(pathToFileURL(file).href)
    } finally {
      log.mockRestore()
      rmSync(file, { force: true })
    }
    expect(printed).toEqual(expected)
  })
})
