import { describe, expect, it } from 'vitest'
import { bytesToHex } from './hex.ts'
import { keccak256Kernel, keccakKernel, useKeccakKernel } from './keccak-kernel.ts'

// The embedded module is checked against its source in word-kernel.test.ts. Digests of the Keccak team's / Ethereum's well-known vectors; random lengths against @noble/hashes
// are in @zvm/state (keccak.test.ts) and @zvm/core (keccak-cache.test.ts), which depend on it.
describe('Keccak kernel', () => {
  it('known digests: empty input, "abc", and a million "a" (absorbed in chunks)', () => {
    const k = keccakKernel()!
    const digest = (data: Uint8Array): string => {
      keccak256Kernel(k, data, 0, data.length)
      return bytesToHex(k.bytes.slice(k.state, k.state + 32))
    }
    expect(digest(new Uint8Array(0))).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
    expect(digest(new TextEncoder().encode('abc'))).toBe('0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45')
    expect(digest(new Uint8Array(1_000_000).fill(0x61))).toBe('0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96')
  })

  it('can be switched off and on', () => {
    useKeccakKernel(false)
    expect(keccakKernel()).toBeUndefined()
    useKeccakKernel(true)
    expect(keccakKernel()).toBeDefined()
  })
})
