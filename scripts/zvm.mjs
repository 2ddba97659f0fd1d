#!/usr/bin/env node
/**
 * `pnpm zvm …`: the command line from its build (apps/cli/dist, and each
 * workspace package's dist that it imports), built first when missing or
 * older than its sources.
 *
 * The check is by modification times and costs a few milliseconds: a package
 * is stale when a `src/**.ts` file (tests excluded) has no `dist/**.js` or is
 * newer than it, or when its tsconfig files or the root tsconfig.base.json are
 * newer than its oldest output. Stale packages are compiled with their
 * `tsc -p tsconfig.build.json` and their entries bundled (what their `build`
 * script runs, scripts/bundle-entries.mjs), dependencies
 * first, as many at once as there are cores; a package whose dependency
 * changed needs no rebuild, as its JavaScript imports the dependency by name.
 * The build holds a lock (a directory under node_modules/.cache), so
 * concurrent calls build once. The CLI then runs in this process.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleEntries } from './bundle-entries.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(ROOT, 'apps', 'cli')
const LOCK = join(ROOT, 'node_modules', '.cache', 'zvm-build.lock')
// A lock older than this was left by a build that died.
const LOCK_STALE_MS = 10 * 60_000

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** Workspace packages by name: their directory and workspace dependencies. */
function workspace() {
  const packages = new Map()
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(ROOT, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const dir = join(ROOT, group, entry.name)
      let manifest
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      } catch {
        continue
      }
      const deps = Object.entries(manifest.dependencies ?? {}).filter(([, v]) => String(v).startsWith('workspace:')).map(([k]) => k)
      packages.set(manifest.name, { name: manifest.name, dir, deps })
    }
  }
  return packages
}

/** `name` and every workspace package it depends on, dependencies before dependents. */
function closure(packages, name, out = new Map()) {
  const pkg = packages.get(name)
  if (pkg === undefined || out.has(name)) return out
  for (const dep of pkg.deps) closure(packages, dep, out)
  out.set(name, pkg)
  return out
}

/** Why `pkg` needs a build, or undefined when its dist is up to date (`root` holds tsconfig.base.json). */
export function staleReason(pkg, root = ROOT) {
  let oldestOutput = Infinity
  const walk = (rel) => {
    for (const entry of readdirSync(join(pkg.dir, 'src', rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        const reason = walk(path)
        if (reason) return reason
        continue
      }
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || entry.name.endsWith('.test.ts')) continue
      const output = mtime(join(pkg.dir, 'dist', path.replace(/\.ts$/, '.js')))
      if (output === undefined) return `dist/${path.replace(/\.ts$/, '.js')} is missing`
      if (output < mtime(join(pkg.dir, 'src', path))) return `src/${path} changed`
      oldestOutput = Math.min(oldestOutput, output)
    }
    return undefined
  }
  if (mtime(join(pkg.dir, 'src')) === undefined) return undefined // nothing to compile
  const reason = walk('')
  if (reason) return reason
  for (const config of [join(pkg.dir, 'tsconfig.json'), join(pkg.dir, 'tsconfig.build.json'), join(root, 'tsconfig.base.json')]) {
    if ((mtime(config) ?? 0) > oldestOutput) return `${relative(root, config)} changed`
  }
  return undefined
}

function compile(pkg) {
  return new Promise((resolve) => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    // Compiler errors go to stderr, so stdout stays the command's (`zvm run --json` prints one object).
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: pkg.dir, stdio: ['ignore', 2, 2] })
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  }).then(async (code) => {
    // Library packages publish bundled entries (their `build` script): the same here, so `pnpm zvm` loads what users load.
    if (code !== 0 || !pkg.dir.startsWith(join(ROOT, 'packages'))) return code
    try {
      await bundleEntries(pkg.dir)
      return 0
    } catch (e) {
      process.stderr.write(`zvm: bundling ${pkg.name} failed: ${e instanceof Error ? e.message : String(e)}\n`)
      return 1
    }
  })
}

/** Compiles `stale` (in dependency order), each once its stale dependencies are done. */
async function build(stale) {
  const done = new Map()
  const started = new Map()
  const parallel = Math.max(1, availableParallelism())
  let running = 0
  await new Promise((resolve) => {
    const next = () => {
      if (done.size === stale.size) return resolve()
      for (const pkg of stale.values()) {
        if (running >= parallel) return
        if (started.has(pkg.name) || pkg.deps.some((d) => stale.has(d) && !done.has(d))) continue
        running++
        started.set(pkg.name, compile(pkg).then((code) => {
          running--
          done.set(pkg.name, code)
          next()
        }))
      }
    }
    next()
  })
  return [...done].filter(([, code]) => code !== 0).map(([name]) => name)
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Runs `fn` holding the build lock (another process's build finishes first). */
async function withBuildLock(fn) {
  mkdirSync(dirname(LOCK), { recursive: true })
  for (let waited = false; ; waited = true) {
    try {
      mkdirSync(LOCK)
      break
    } catch (e) {
      if (e.code !== 'EEXIST') throw e
      if (Date.now() - (mtime(LOCK) ?? Date.now()) > LOCK_STALE_MS) {
        try { rmdirSync(LOCK) } catch { /* taken over by another waiter */ }
        continue
      }
      if (!waited) process.stderr.write('zvm: waiting for another build of the command line to finish…\n')
      sleep(200)
    }
  }
  try {
    return await fn()
  } finally {
    rmdirSync(LOCK)
  }
}

/** Builds the command line and its packages where stale; throws a one-line message if it cannot. */
export async function ensureBuilt() {
  const packages = workspace()
  const stalePackages = () => {
    const stale = new Map()
    for (const pkg of closure(packages, '@zvm/cli').values()) {
      const reason = staleReason(pkg)
      if (reason) stale.set(pkg.name, { ...pkg, reason })
    }
    return stale
  }
  if (stalePackages().size === 0) return
  await withBuildLock(async () => {
    const stale = stalePackages() // again: another process may have built it while we waited
    if (stale.size === 0) return
    const [first] = stale.values()
    process.stderr.write(`zvm: building ${[...stale.keys()].join(', ')} (${first.name}: ${first.reason})…\n`)
    const failed = await build(stale)
    const still = stalePackages()
    if (still.size > 0) throw new Error(`the build of ${[...still.keys()].join(', ')} failed (see above)`)
    // tsc emits JavaScript despite type errors: say so, and run what it emitted.
    if (failed.length > 0) process.stderr.write(`zvm: warning: type errors in ${failed.join(', ')} (above); running the JavaScript emitted anyway\n`)
  })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await ensureBuilt()
  } catch (e) {
    process.stderr.write(`zvm: ${e.message}\n`)
    process.exit(1)
  }
  await import(pathToFileURL(join(CLI, 'dist', 'bin.js')).href)
}
