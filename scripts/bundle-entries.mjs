#!/usr/bin/env node
/**
 * Replaces a package's entry modules in dist (each `exports` entry's
 * `import` file, compiled by tsc) with esbuild bundles of its sources: one
 * module per entry, with shared code in chunks when a package has several
 * entries, every dependency left external (`@zvm/*` packages stay separate,
 * so one instance of each is loaded). Node's ES module loader spends most of
 * a cold import resolving and reading modules: @zvm/chain-evm's main entry
 * went from ~110 modules to ~30. tsc's per-file output and declarations stay
 * beside the bundles (the declarations are what `types` points to).
 *
 * Usage: `node scripts/bundle-entries.mjs` in a package directory (its
 * `build` script runs it after tsc), or `bundleEntries(dir)`.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Bundles the entries of the package in `dir`; resolves when written. */
export async function bundleEntries(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const entries = Object.values(manifest.exports ?? {})
    .filter((e) => typeof e === 'object' && e !== null && typeof e.source === 'string' && typeof e.import === 'string')
  if (entries.length === 0) return
  for (const e of entries) {
    // The bundle must land where the export points: dist/<path of the source under src>.js.
    const expected = `./dist/${relative('src', e.source.replace(/^\.\//, '')).replace(/\.ts$/, '.js')}`
    if (e.import !== expected) throw new Error(`${manifest.name}: export ${e.import} is not the compiled path of ${e.source}`)
  }
  // Chunk names are content hashes: drop the last build's, or stale chunks would be packed.
  rmSync(join(dir, 'dist', 'chunks'), { recursive: true, force: true })
  const { build } = await import('esbuild')
  await build({
    absWorkingDir: dir,
    entryPoints: entries.map((e) => e.source),
    outbase: 'src',
    outdir: 'dist',
    bundle: true,
    splitting: entries.length > 1,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    allowOverwrite: true,
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundleEntries(process.cwd())
