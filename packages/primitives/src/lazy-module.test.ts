import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ZvmError } from './errors.ts'
import { lazyModule } from './lazy-module.ts'

type PathModule = typeof import('node:path')
const proc = process as { getBuiltinModule?: unknown }
const original = proc.getBuiltinModule

describe('lazyModule', () => {
  afterEach(() => { proc.getBuiltinModule = original })

  it('loads on first get(), once, the instance import gives', () => {
    const m = lazyModule<PathModule>(import.meta.url, 'node:path', () => import('node:path'))
    const first = m.get()
    expect(first.join).toBe(path.join)
    expect(m.get()).toBe(first)
  })

  it('without process.getBuiltinModule, get() is a typed error until preload()', async () => {
    proc.getBuiltinModule = undefined
    const m = lazyModule<PathModule>(import.meta.url, 'node:path', () => import('node:path'))
    expect(() => m.get()).toThrowError(ZvmError)
    try { m.get() } catch (e) { expect((e as ZvmError).code).toBe('MODULE_NOT_PRELOADED') }
    const loaded = await m.preload()
    expect(m.get()).toBe(loaded)
    expect(loaded.join('a', 'b')).toBe(path.join('a', 'b'))
  })
})
