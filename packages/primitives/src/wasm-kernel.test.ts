import { describe, expect, it } from 'vitest'
import { KECCAK_KERNEL_WASM } from './keccak-kernel.wasm.ts'
import { kernelLoader } from './wasm-kernel.ts'

interface Probe { exports: unknown; warmed: number }

/** A loader over the real Keccak module that records what it binds and warms. */
function probeLoader() {
  const bound: Probe[] = []
  const loader = kernelLoader(KECCAK_KERNEL_WASM, (exports) => {
    const p = { exports, warmed: 0 }
    bound.push(p)
    return p
  }, (p) => { p.warmed++ })
  return { loader, bound }
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5))
}

describe('kernelLoader', () => {
  it('compiles in the background, instantiates once and warms that instance', async () => {
    const { loader, bound } = probeLoader()
    expect(bound).toHaveLength(0) // nothing on the main thread yet
    await until(() => bound.length > 0)
    expect(bound).toHaveLength(1)
    expect(bound[0].warmed).toBe(1)
    expect(loader.get()).toBe(bound[0])
    expect(bound).toHaveLength(1)
  })

  it('a kernel needed before the background compile is compiled synchronously, and not replaced or warmed later', async () => {
    const { loader, bound } = probeLoader()
    const first = loader.get()
    expect(first).toBe(bound[0])
    await new Promise((r) => setTimeout(r, 200))
    expect(loader.get()).toBe(first)
    expect(bound).toHaveLength(1)
    expect(bound[0].warmed).toBe(0)
  })

  it('switched off before the compile finishes, it stays off', async () => {
    const { loader, bound } = probeLoader()
    loader.use(false)
    await new Promise((r) => setTimeout(r, 200))
    expect(loader.get()).toBeUndefined()
    expect(bound).toHaveLength(0)
    loader.use(true)
    expect(loader.get()).toBe(bound[0])
  })
})
