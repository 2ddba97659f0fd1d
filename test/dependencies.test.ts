/**
 * Layering check: every workspace package imports only packages it declares,
 * and workspace packages only depend on packages below them (REVM-style
 * layers), so a user can install just the layers they need.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
/** Bottom to top; a package may depend only on packages earlier in this list. */
const LAYERS = [
  '@zvm/primitives', '@zvm/bytecode', '@zvm/gas', '@zvm/state', '@zvm/core', '@zvm/native', '@zvm/inspectors',
  '@zvm/chain-evm', '@zvm/chain-hedera', '@zvm/chain-soroban', '@zvm/runtime-kalix', '@zvm/zelix-bridge',
  // An app that another app (the CLI's `zvm node`) imports: above every package, below the apps.
  '@zvm/node',
]
const APP_RANK = LAYERS.length

interface Workspace { name: string; dir: string; rank: number; deps: Set<string>; devDeps: Set<string> }

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}

function workspaces(): Workspace[] {
  const out: Workspace[] = []
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(ROOT, group))) {
      const dir = join(ROOT, group, entry)
      let pkg: Record<string, unknown>
      try { pkg = readJson(join(dir, 'package.json')) } catch { continue }
      const name = pkg.name as string
      const rank = group === 'apps' ? APP_RANK : LAYERS.indexOf(name)
      out.push({
        name, dir, rank,
        deps: new Set(Object.keys({ ...(pkg.dependencies as object), ...(pkg.peerDependencies as object) })),
        devDeps: new Set(Object.keys((pkg.devDependencies as object) ?? {})),
      })
    }
  }
  return out
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    // Dot-files are scratch (the README test writes .readme-example.ts while it runs).
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue
    const p = join(dir, entry)
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p))
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(p)
  }
  return out
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
}

const rootDevDeps = new Set(Object.keys(readJson(join(ROOT, 'package.json')).devDependencies as object))
const all = workspaces()

describe('workspace layering', () => {
  it('every package is placed in a layer', () => {
    for (const w of all) expect(w.rank, `${w.name} is not in LAYERS`).toBeGreaterThanOrEqual(0)
  })
  for (const w of all) {
    it(`${w.name} imports only declared packages from lower layers`, () => {
      const problems: string[] = []
      for (const dep of w.deps) {
        const depRank = LAYERS.indexOf(dep)
        if (dep.startsWith('@zvm/') && (depRank < 0 || depRank >= w.rank)) problems.push(`package.json depends on ${dep}, which is not below ${w.name}`)
      }
      for (const file of sourceFiles(w.dir)) {
        // Tests and build-time code (a package's build/ directory, never published) may use dev dependencies.
        const isTest = /\.test\.ts$|[/\\](test|build)[/\\]|\.bench\.ts$/.test(file)
        const text = readFileSync(file, 'utf8')
        for (const m of text.matchAll(IMPORT_RE)) {
          const pkg = packageOf(m[1] ?? m[2] ?? m[3])
          if (!pkg || pkg === w.name) continue
          const declared = w.deps.has(pkg) || (isTest && (w.devDeps.has(pkg) || rootDevDeps.has(pkg)))
          if (!declared) problems.push(`${relative(ROOT, file)} imports ${pkg}, which ${w.name} does not declare`)
          const depRank = LAYERS.indexOf(pkg)
          // Tests may start the local network (`zvm node`) in process: a dev dependency never shipped, which depends on no package above chain-hedera.
          const localNetworkInTest = isTest && pkg === '@zvm/node' && w.devDeps.has(pkg)
          if (pkg.startsWith('@zvm/') && depRank >= w.rank && !localNetworkInTest) problems.push(`${relative(ROOT, file)} imports ${pkg}, a layer above or beside ${w.name}`)
        }
      }
      expect(problems).toEqual([])
    })
  }
  it('the check catches an upward import', () => {
    const text = "import { Vm } from '@zvm/core'\n"
    const m = [...text.matchAll(IMPORT_RE)][0]
    expect(packageOf(m[1])).toBe('@zvm/core')
    expect(LAYERS.indexOf('@zvm/core')).toBeGreaterThan(LAYERS.indexOf('@zvm/state'))
  })
})

/** Chain packages may depend on another chain only along these edges (Hedera's EVM is Ethereum's plus its system contracts). */
const CHAIN_EDGES: Record<string, readonly string[]> = { '@zvm/chain-hedera': ['@zvm/chain-evm'] }
const isChain = (name: string): boolean => name.startsWith('@zvm/chain-')

describe('sibling chains', () => {
  for (const w of all.filter((x) => isChain(x.name))) {
    it(`${w.name} depends on no other chain except ${JSON.stringify(CHAIN_EDGES[w.name] ?? [])}`, () => {
      const chains = [...w.deps, ...w.devDeps].filter((d) => isChain(d) && d !== w.name)
      expect(chains.filter((d) => !(CHAIN_EDGES[w.name] ?? []).includes(d))).toEqual([])
    })
  }
})

describe('relative imports', () => {
  for (const w of all) {
    it(`${w.name} never reaches outside its folder with a relative import`, () => {
      const escaping: string[] = []
      for (const file of sourceFiles(w.dir)) {
        for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
          const spec = m[1] ?? m[2] ?? m[3]
          if (!spec.startsWith('.')) continue
          const target = join(dirname(file), spec)
          if (relative(w.dir, target).startsWith('..')) escaping.push(`${relative(ROOT, file)} imports ${spec}`)
        }
      }
      expect(escaping).toEqual([])
    })
  }
})

/**
 * Layers inside @zvm/core, bottom up: the instruction-set contract (types,
 * frame, host, traits), the shared operations, the execution tiers, table
 * building, and the driver (executor, Vm). A module imports values only from
 * its own layer or below, and modules of one layer form no import cycle.
 */
const CORE_LAYERS: [layer: string, files: RegExp][] = [
  ['contract', /^(halt|limits|memory|host|inspector|traits|fnv|keccak-cache|word-bigints|delegation|frame|table)\.ts$/],
  ['ops', /^ops\//],
  ['tiers', /^(dispatch|analysis|blocks|compile|interpreter)\.ts$/],
  ['tables', /^build-table\.ts$/],
  ['driver', /^(executor|vm)\.ts$/],
  ['index', /^index\.ts$/],
]

/** Value imports (not `import type`) of a module, as paths relative to core's src. */
function valueImports(src: string, file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'(\.[^']+)'/gm)) {
    if (m[2] !== undefined) continue
    // `import { type A, type B }` is type-only too.
    const names = m[3].replace(/[{}]/g, '').split(',').map((n) => n.trim()).filter(Boolean)
    if (m[1] === 'import' && names.length > 0 && names.every((n) => n.startsWith('type '))) continue
    out.push(relative(src, join(dirname(join(src, file)), m[4])).split('\\').join('/'))
  }
  return out
}

describe('layers inside @zvm/core', () => {
  const src = join(ROOT, 'packages', 'core', 'src')
  const files = sourceFiles(src).map((f) => relative(src, f).split('\\').join('/')).filter((f) => !f.endsWith('.test.ts'))
  const layerOf = (f: string): number => CORE_LAYERS.findIndex(([, re]) => re.test(f))

  it('every module belongs to a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([])
  })

  it('no module imports a value from a layer above its own', () => {
    const upward: string[] = []
    for (const f of files) for (const dep of valueImports(src, f)) if (layerOf(dep) > layerOf(f)) upward.push(`${f} (${CORE_LAYERS[layerOf(f)][0]}) imports ${dep} (${CORE_LAYERS[layerOf(dep)]?.[0]})`)
    expect(upward).toEqual([])
  })

  it('modules import each other in no circle', () => {
    const graph = new Map(files.map((f) => [f, valueImports(src, f)]))
    const state = new Map<string, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return
      if (state.get(f) === 'open') { cycles.push([...path.slice(path.indexOf(f)), f].join(' → ')); return }
      state.set(f, 'open')
      for (const dep of graph.get(f) ?? []) visit(dep, [...path, f])
      state.set(f, 'done')
    }
    for (const f of files) visit(f, [])
    expect(cycles).toEqual([])
  })
})

/** Modules reachable from a package's main entry through relative imports. */
function reachable(entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3]
      if (spec.startsWith('.')) visit(join(dirname(file), spec))
    }
  }
  visit(entry)
  return [...seen]
}

describe('main entries', () => {
  for (const w of all.filter((x) => x.rank < APP_RANK)) {
    it(`${w.name}'s main entry imports no Node.js built-in (file and process access live in subpaths)`, () => {
      const exports = readJson(join(w.dir, 'package.json')).exports as Record<string, { source?: string }> | undefined
      const entry = exports?.['.']?.source
      if (entry === undefined) return
      const builtins: string[] = []
      for (const file of reachable(join(w.dir, entry))) {
        for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
          const spec = m[1] ?? m[2] ?? m[3]
          if (spec.startsWith('node:') || builtinModules.includes(spec)) builtins.push(`${relative(ROOT, file)} imports ${spec}`)
        }
      }
      expect(builtins).toEqual([])
    })
  }
})
