import { describe, expect, it } from 'vitest'
import { create2Address, createAddress } from './index.ts'

describe('contract addresses', () => {
  it('CREATE: keccak256(rlp([sender, nonce]))[12:]', () => {
    expect(createAddress('0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0', 0n)).toBe('0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d')
    expect(createAddress('0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0', 1n)).toBe('0x343c43a37d37dff08ae8c4a11544c718abb4fcf8')
    expect(createAddress('0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0', 2n)).toBe('0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91')
  })
  it('CREATE2: the EIP-1014 examples', () => {
    const zero = '0x0000000000000000000000000000000000000000'
    expect(create2Address(zero, 0n, new Uint8Array([0]))).toBe('0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38')
    expect(create2Address('0xdeadbeef00000000000000000000000000000000', 0n, new Uint8Array([0]))).toBe('0xb928f69bb1d91cd65274e3c79d8986362984fda3')
    expect(create2Address('0x00000000000000000000000000000000deadbeef', 0xcafebaben, new Uint8Array([0xde, 0xad, 0xbe, 0xef]))).toBe('0x60f3f640a8508fc6a86d45df051962668e1e8ac7')
    expect(create2Address(zero, 0n, new Uint8Array(0))).toBe('0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0')
  })
})
