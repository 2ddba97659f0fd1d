/**
 * A full GC of the host process must not deoptimise the engine: optimised
 * code that embeds an object of one run (a frame's or a state's hidden class,
 * a closure over per-run objects) is thrown away when that object dies, and
 * every later run pays for V8 optimising it again (measured: 10–37 times
 * slower runs with a forced GC before each). The probe runs with
 * `--trace-deopt`; after its warm-up, no function of ours may be deoptimised
 * for "weak objects". Nothing here is timed.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** Names of the functions and methods declared in the packages' sources (what `--trace-deopt` names). */
function engineFunctionNames(): Set<string> {
  const names = new Set<string>()
  const packages = join(ROOT, 'packages')
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src')
    let files: string[]
    try { files = readdirSync(src, { recursive: true, encoding: 'utf8' }) } catch { continue }
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = readFileSync(join(src, file), 'utf8')
      for (const m of text.matchAll(/function\s*\*?\s*([\w$]+)\s*[<(]/g)) names.add(m[1])
      for (const m of text.matchAll(/^\s+(?:static\s+|get\s+|set\s+|async\s+|override\s+|private\s+|public\s+)*(#?[\w$]+)\s*(?:<[^>]*>)?\([^)]*\)[^{;=]*\{/gm)) names.add(m[1])
      for (const m of text.matchAll(/(?:const|let)\s+([\w$]+)\s*=\s*(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>/g)) names.add(m[1])
    }
  }
  return names
}

it('a forced full GC before each run deoptimises none of the engine\'s functions ("weak objects")', () => {
  const probe = join(import.meta.dirname, 'gc-deopt-probe.ts')
  const out = execFileSync(process.execPath, ['--expose-gc', '--trace-deopt', '--conditions=source', '--import', 'tsx', probe], {
    encoding: 'utf8', cwd: ROOT, maxBuffer: 256 * 1024 * 1024,
  })
  const after = out.slice(out.indexOf('--- forced full GC before each run'))
  expect(after).toContain('--- done')
  const names = engineFunctionNames()
  const deoptimised = new Set<string>()
  for (const line of after.split('\n')) {
    if (!line.includes('reason: weak objects')) continue
    // "[marking dependent code … (… <SharedFunctionInfo name>) … reason: weak objects]"; anonymous functions have no name.
    const name = /<SharedFunctionInfo ?([^>]*)>/.exec(line)?.[1] ?? ''
    if (name === '' || names.has(name) || /^block\d+$/.test(name)) deoptimised.add(name || '(anonymous)')
  }
  expect([...deoptimised]).toEqual([])
}, 60_000)
