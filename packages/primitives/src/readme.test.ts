import { expect, it } from 'vitest'
import { bytesToHex, hexToBytes, word, ZvmError } from './index.ts'

it('the README example holds', () => {
  const stack = new Uint32Array(16)
  word.fromBigInt(stack, 0, 2n ** 255n)
  word.setNumber(stack, 8, 3)
  word.add(stack, 0, 8, 0)
  expect(word.toBigInt(stack, 0)).toBe(2n ** 255n + 3n)
  expect(bytesToHex(hexToBytes('0x112A'))).toBe('0x112a')
  expect(() => hexToBytes('0x1')).toThrow(ZvmError)
  try { hexToBytes('0x1') } catch (e) { expect((e as ZvmError).code).toBe('HEX_INVALID') }
})
