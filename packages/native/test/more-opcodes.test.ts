/** Falcon and SLH-DSA verification, every Hedera syscall's arity and gas, EIP-6780 deletion, and the traced loop. */
import { falcon512 } from '@noble/post-quantum/falcon.js'
import { slh_dsa_sha2_128f } from '@noble/post-quantum/slh-dsa.js'
import { NATIVE_OPCODES, OpcodeFlag } from '@zvm/bytecode'
import { bytesToBigint, bytesToHex, type Address } from '@zvm/primitives'
import { createAddress } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { Vm, type Frame, type Inspector } from '@zvm/core'
import { prog, push, RETURN_TOP, type Part, nativeVm } from './program.ts'

function verifyProgram(op: string, m: Uint8Array, s: Uint8Array, pk: Uint8Array): { code: Uint8Array; data: Uint8Array } {
  const data = new Uint8Array([...m, ...s, ...pk])
  const code = prog(...push(BigInt(data.length)), ...push(0n), ...push(0n), 'CALLDATACOPY',
    ...push(BigInt(pk.length)), ...push(BigInt(m.length + s.length)), ...push(BigInt(s.length)), ...push(BigInt(m.length)),
    ...push(BigInt(m.length)), ...push(0n), op, ...RETURN_TOP)
  return { code, data }
}

describe('post-quantum verification with real signatures', () => {
  const msg = new TextEncoder().encode('zvm')
  const cases = [
    ['PQ_VERIFY_FALCON', falcon512, 48],
    ['PQ_VERIFY_SPHINCS', slh_dsa_sha2_128f, 48],
  ] as const
  for (const [op, scheme, seedLength] of cases) {
    it(`${op} accepts a valid signature and rejects a forged one`, () => {
      const keys = scheme.keygen(new Uint8Array(seedLength).fill(3))
      const sig = scheme.sign(msg, keys.secretKey)
      const good = nativeVm().run({ ...verifyProgram(op, msg, sig, keys.publicKey), gasLimit: 10_000_000 })
      expect(good.status).toBe('success')
      expect(bytesToBigint(good.returnData)).toBe(1n)
      const forged = sig.slice()
      forged[forged.length >> 1] ^= 1
      expect(bytesToBigint(nativeVm().run({ ...verifyProgram(op, msg, forged, keys.publicKey), gasLimit: 10_000_000 }).returnData)).toBe(0n)
    })
  }
  it('charges static gas + 3 per word of message, signature and key + memory', () => {
    // All lengths zero: PQ_VERIFY_FALCON with 6 zero pushes costs 18 + 800 and verifies as 0.
    const r = nativeVm().run({ code: prog(...Array(6).fill(['PUSH1', 0]).flat(), 'PQ_VERIFY_FALCON', 'HALT') })
    expect(r.gasUsed).toBe(18 + 800)
  })
})

describe('Hedera syscalls E0–EC', () => {
  const syscalls = NATIVE_OPCODES.filter((o) => o.flags & OpcodeFlag.HederaSyscall)
  it('are the thirteen opcodes E0–EC', () => expect(syscalls.map((o) => o.code)).toEqual(Array.from({ length: 13 }, (_, i) => 0xe0 + i)))
  for (const info of syscalls) {
    it(`${info.name} pops ${info.stackIn} arguments and pushes the host's answer`, () => {
      const seen: bigint[][] = []
      const vm = nativeVm({ host: { blockHash: () => 0n, syscall: (op, args) => { seen.push([BigInt(op), ...args]); return { ok: true, value: 0xabcn } } } })
      const args: Part[] = []
      for (let i = info.stackIn - 1; i >= 0; i--) args.push(...push(BigInt(i === 0 ? 0 : i + 1)))
      const r = vm.run({ code: prog(...args, info.name, ...RETURN_TOP), gasLimit: 1_000_000 })
      expect(r.status).toBe('success')
      expect(bytesToBigint(r.returnData)).toBe(0xabcn)
      expect(seen).toEqual([[BigInt(info.code), ...Array.from({ length: info.stackIn }, (_, i) => BigInt(i === 0 ? 0 : i + 1))]])
    })
  }
  it('HCS_SUBMIT charges 100 gas per message byte plus memory', () => {
    const vm = nativeVm({ host: { blockHash: () => 0n, syscall: () => ({ ok: true, value: 1n }) } })
    // topic 7, offset 0, length 10 (top first)
    const r = vm.run({ code: prog(...push(10n), ...push(0n), ...push(7n), 'HCS_SUBMIT', 'HALT') })
    expect(r.gasUsed).toBe(9 + 5050 + 100 * 10 + 3)
  })
  it('an ok:false answer pushes 0', () => {
    const vm = nativeVm({ host: { blockHash: () => 0n, syscall: () => ({ ok: false, reason: 'TOKEN_NOT_ASSOCIATED' }) } })
    expect(bytesToBigint(vm.run({ code: prog(...push(1n), ...push(1n), 'HTS_BURN', ...RETURN_TOP) }).returnData)).toBe(0n)
  })
  it('read-only syscalls work in static frames', () => {
    const vm = nativeVm({ host: { blockHash: () => 0n, syscall: () => ({ ok: true, value: 5n }) } })
    expect(vm.run({ code: prog('HEDERA_TIMESTAMP', 'HALT'), isStatic: true }).status).toBe('success')
    expect(vm.run({ code: prog('HCS_CREATE_TOPIC', 'HALT'), isStatic: true }).error).toBe('StaticStateChange')
  })
})

describe('SELFDESTRUCT of a contract created in the same transaction', () => {
  it('deletes the account (EIP-6780)', () => {
    // Constructor: SELFDESTRUCT to 0xbb.
    const init = prog(...push(0xbbn), 'SELFDESTRUCT')
    const caller: Address = '0x00000000000000000000000000000000000000c1'
    const factory: Part[] = [...push(BigInt(bytesToHex(init)) << BigInt(256 - 8 * init.length)), ...push(0n), 'MSTORE',
      ...push(BigInt(init.length)), ...push(0n), ...push(5n), 'CREATE', 'HALT']
    const vm = nativeVm()
    vm.state.setBalance(caller, 100n)
    const r = vm.run({ code: prog(...factory), caller, value: 100n, address: '0x00000000000000000000000000000000000000aa' })
    expect(r.status).toBe('success')
    const created = createAddress('0x00000000000000000000000000000000000000aa', 0n)
    expect(vm.state.exists(created)).toBe(false)
    expect(vm.state.getBalance('0x00000000000000000000000000000000000000bb')).toBe(5n)
  })
})

describe('tracing', () => {
  it('the traced loop sees every step and gives the same result', () => {
    const steps: [number, number, number, number][] = []
    const inspector: Inspector = { stepEnd: (f: Frame, pc, op, cost) => { steps.push([pc, op, cost, f.sp]) } }
    const code = prog('PUSH1', 2, 'PUSH1', 3, 'ADD', 'HALT')
    const traced = nativeVm({ inspector }).run({ code })
    expect(steps).toEqual([[0, 0x11, 3, 1], [2, 0x11, 3, 2], [4, 0x30, 3, 1], [5, 0x00, 0, 1]])
    expect(traced.gasUsed).toBe(nativeVm().run({ code }).gasUsed)
  })
})
