import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileKeccakKernel, KECCAK_MODULE, keccakModuleSource } from '../build/keccak-kernel.ts'
import { compileWordKernel, KERNEL_MODULE, kernelModuleSource } from '../build/word-kernel.ts'
import { useWordKernel, wordKernel } from './word-kernel.ts'

describe('word kernel', () => {
  it('the embedded module is the current build of assembly/word-kernel.ts', async () => {
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(kernelModuleSource(await compileWordKernel()))
  })

  // Here rather than in keccak-kernel.test.ts: one process loads the AssemblyScript compiler once.
  it('the embedded Keccak module is the current build of assembly/keccak-kernel.ts', async () => {
    expect(readFileSync(KECCAK_MODULE, 'utf8')).toBe(keccakModuleSource(await compileKeccakKernel()))
  })

  it('instantiates here and can be switched off and on', () => {
    expect(wordKernel()).toBeDefined()
    useWordKernel(false)
    expect(wordKernel()).toBeUndefined()
    useWordKernel(true)
    expect(wordKernel()).toBeDefined()
  })
})
