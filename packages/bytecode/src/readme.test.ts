import { expect, it } from 'vitest'
import { assembleZvmc, decodeZvmc, disassembleToText, kalixSelector, OP } from './index.ts'

it('the README example holds', () => {
  const container = assembleZvmc(`
  .const LIMIT = 10
  loop:
    PUSH LIMIT      ; auto-sized: PUSH1
    PUSH @done      ; labels are always PUSH4
    JUMP
  done:
    HALT`, { abi: { contract: 'Demo', functions: [{ name: 'run', selector: kalixSelector('run()'), inputs: [], outputs: [], mutability: 'view' }], events: [], state_variables: [], tables: [] } })
  const { code, abi } = decodeZvmc(container)
  expect(code[0]).toBe(OP.PUSH1)
  expect(abi?.functions[0].name).toBe('run')
  expect(disassembleToText(code)).toBe('PUSH1 0x0a    ; 0000\nPUSH4 0x00000008 ; 0002\nJUMP          ; 0007\nHALT          ; 0008\n')
})
