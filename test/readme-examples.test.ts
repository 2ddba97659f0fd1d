/**
 * Every package README's first ```ts example runs as written, from the
 * package's own folder (so it sees exactly the dependencies the package
 * declares), and prints what its `// → …` comments say, in order. A README
 * must also tell the reader to install every package its example imports —
 * except the repository's private workspace packages (`@zvm/node`), which
 * are not on npm: those it must never tell anyone to `npm install`.
 *
 * Expected output: each `// → text` comment is the next printed line; a text
 * ending in `…` matches any line that starts with what comes before it.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')

function firstTsBlock(markdown: string): string | undefined {
  return /```ts\n([\s\S]*?)```/.exec(markdown)?.[1]
}

function expectedLines(code: string): string[] {
  return [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trimEnd())
}

function importedPackages(code: string): string[] {
  const names = new Set<string>()
  for (const m of code.matchAll(/from\s+'([^']+)'/g)) {
    const spec = m[1]
    if (spec.startsWith('node:') || spec.startsWith('.')) continue
    const parts = spec.split('/')
    names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0])
  }
  return [...names]
}

function matches(actual: string, expected: string): boolean {
  return expected.endsWith('…') ? actual.startsWith(expected.slice(0, -1)) : actual === expected
}

const packages = readdirSync(join(ROOT, 'packages')).filter((p) => existsSync(join(ROOT, 'packages', p, 'README.md')))

/** Workspace packages marked private (never published). */
const privatePackages = new Set(['packages', 'apps'].flatMap((group) => readdirSync(join(ROOT, group)).flatMap((d) => {
  const file = join(ROOT, group, d, 'package.json')
  if (!existsSync(file)) return []
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; private?: boolean }
  return pkg.private === true && pkg.name ? [pkg.name] : []
})))

describe('README examples', () => {
  for (const pkg of packages) {
    const dir = join(ROOT, 'packages', pkg)
    const readme = readFileSync(join(dir, 'README.md'), 'utf8')
    const code = firstTsBlock(readme)

    it(`${pkg}: the README has a TypeScript example with expected output`, () => {
      expect(code, `${pkg}/README.md has no \`\`\`ts example`).toBeDefined()
      expect(expectedLines(code!).length, `${pkg}/README.md example states no '// → ' output`).toBeGreaterThan(0)
    })

    it(`${pkg}: the README's install line names every package the example imports`, () => {
      const install = /npm install ([^\n`]+)/.exec(readme)?.[1].split(/\s+/) ?? []
      for (const name of importedPackages(code ?? '')) {
        if (privatePackages.has(name)) expect(install, `${pkg}/README.md: ${name} is private; 'npm install' cannot fetch it`).not.toContain(name)
        else expect(install, `${pkg}/README.md: 'npm install' omits ${name}`).toContain(name)
      }
    })

    it(`${pkg}: the README example runs and prints what it says`, () => {
      // Written inside the package so that its imports resolve as a user's would.
      const file = join(dir, '.readme-example.ts')
      writeFileSync(file, code ?? '')
      let output: string
      try {
        output = execFileSync(process.execPath, ['--conditions=source', '--import', TSX, file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
      } finally {
        rmSync(file, { force: true })
      }
      const lines = output.trimEnd().split('\n').map((l) => l.trimEnd())
      const expected = expectedLines(code ?? '')
      expect(lines.length, `printed:\n${output}`).toBe(expected.length)
      lines.forEach((line, i) => expect(matches(line, expected[i]), `line ${i + 1}: ${JSON.stringify(line)} ≠ ${JSON.stringify(expected[i])}`).toBe(true))
    })
  }
})
