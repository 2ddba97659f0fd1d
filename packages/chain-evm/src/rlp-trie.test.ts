import fc from 'fast-check'
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { EMPTY_TRIE_ROOT, logsHash, rlpDecode, rlpEncode, RlpError, stateRoot, trieRoot, type RlpItem } from './index.ts'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('RLP', () => {
  it('encodes the Yellow Paper examples', () => {
    expect(bytesToHex(rlpEncode(utf8('dog')))).toBe('0x83646f67')
    expect(bytesToHex(rlpEncode([utf8('cat'), utf8('dog')]))).toBe('0xc88363617483646f67')
    expect(bytesToHex(rlpEncode(new Uint8Array(0)))).toBe('0x80')
    expect(bytesToHex(rlpEncode([]))).toBe('0xc0')
    expect(bytesToHex(rlpEncode(0n))).toBe('0x80')
    expect(bytesToHex(rlpEncode(15n))).toBe('0x0f')
    expect(bytesToHex(rlpEncode(1024n))).toBe('0x820400')
    expect(bytesToHex(rlpEncode([[], [[]], [[], [[]]]]))).toBe('0xc7c0c1c0c3c0c1c0')
    expect(bytesToHex(rlpEncode(utf8('Lorem ipsum dolor sit amet, consectetur adipisicing elit')))).toMatch(/^0xb838/)
  })
  const item: fc.Arbitrary<RlpItem> = fc.letrec<{ item: RlpItem }>((tie) => ({
    item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.uint8Array({ maxLength: 70 }), fc.array(tie('item'), { maxLength: 4 })),
  })).item
  it('decode(encode(x)) = x', () => fc.assert(fc.property(item, (x) => { expect(rlpDecode(rlpEncode(x))).toEqual(x) })))
  it('rejects malformed input with RlpError', () => {
    for (const hex of ['0x', '0x8100', '0x82', '0xb800', '0xc1', '0x8180ff', '0xb90001']) expect(() => rlpDecode(hexToBytes(hex)), hex).toThrow(RlpError)
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20 }), (b) => {
      try { rlpDecode(b) } catch (e) { expect(e).toBeInstanceOf(RlpError) }
    }))
  })
})

describe('Merkle-Patricia trie', () => {
  it('empty roots', () => {
    expect(bytesToHex(EMPTY_TRIE_ROOT)).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421')
    expect(bytesToHex(logsHash([]))).toBe('0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347')
  })
  it('matches the ethereum/tests trieanyorder vectors', () => {
    const puppy = [['do', 'verb'], ['horse', 'stallion'], ['doge', 'coin'], ['dog', 'puppy']] as const
    expect(bytesToHex(trieRoot(puppy.map(([k, v]) => [utf8(k), utf8(v)])))).toBe('0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84')
    const dogs = [['doe', 'reindeer'], ['dog', 'puppy'], ['dogglesworth', 'cat']] as const
    expect(bytesToHex(trieRoot(dogs.map(([k, v]) => [utf8(k), utf8(v)])))).toBe('0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3')
  })
  it('is independent of insertion order', () => fc.assert(fc.property(fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 4 }), { maxLength: 12, selector: (k) => bytesToHex(k) }), (keys) => {
    const entries = keys.map((k, i) => [k, utf8(`v${i}`)] as const)
    expect(bytesToHex(trieRoot([...entries].reverse()))).toBe(bytesToHex(trieRoot(entries)))
  })))
  it('state root of a single empty account is stable', () => {
    const root = stateRoot([{ address: '0x0000000000000000000000000000000000000001', nonce: 0n, balance: 0n, codeHash: '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470', storage: new Map() }])
    expect(root).toHaveLength(32)
  })
})
