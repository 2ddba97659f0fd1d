import { hexToBytes } from '@zvm/primitives'
import { createAddress } from '@zvm/state'
import { expect, it } from 'vitest'
import { Vm } from './index.ts'

it('the README example holds', () => {
  const vm = new Vm()
  const r = vm.run({ code: hexToBytes('0x112a11019111019000') })
  expect([r.status, r.gasUsed]).toEqual(['success', 20309])
  const bad = vm.run({ code: hexToBytes('0xff'), gasLimit: 1000 })
  expect([bad.status, bad.error, bad.gasUsed]).toEqual(['error', 'InvalidOpcode', 1000])
  const d = vm.deploy({ initCode: hexToBytes('0x13001107001100811103111da8') })
  expect(d.status).toBe('success')
  expect(d.createdAddress).toBe(createAddress('0x1000000000000000000000000000000000000001', 0n))
  expect([...vm.state.getCode(d.createdAddress!)]).toEqual([0x11, 0x07, 0x00])
})
