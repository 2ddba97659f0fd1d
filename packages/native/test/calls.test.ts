/** CALL family, CREATE/CREATE2, SELFDESTRUCT, return data, syscalls and post-quantum opcodes. */
import { ml_dsa44, ml_dsa65 } from '@noble/post-quantum/ml-dsa.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigint, bytesToHex, bigintToAddress, type Address } from '@zvm/primitives'
import { createAddress, create2Address } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { Vm, type Host } from '@zvm/core'
import { prog, push, RETURN_TOP, type Part, nativeVm } from './program.ts'

const CALLER: Address = '0x00000000000000000000000000000000000000c1'
const A: Address = '0x00000000000000000000000000000000000000aa'
const B: Address = '0x00000000000000000000000000000000000000bb'

/** CALL-family argument pushes (gas, to, [value], inOff, inLen, outOff, outLen), top first. */
function callArgs(op: 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL', to: bigint, opts: { gas?: bigint; value?: bigint; inLen?: bigint; outLen?: bigint } = {}): Part[] {
  const parts: Part[] = [...push(opts.outLen ?? 32n), ...push(0n), ...push(opts.inLen ?? 0n), ...push(0n)]
  if (op === 'CALL' || op === 'CALLCODE') parts.push(...push(opts.value ?? 0n))
  parts.push(...push(to), ...push(opts.gas ?? 100_000n), op)
  return parts
}

function vmWith(code: Record<Address, Part[]>): Vm {
  const vm = nativeVm()
  for (const [addr, parts] of Object.entries(code)) vm.state.setCode(addr as Address, prog(...parts))
  vm.state.finalizeTransaction()
  return vm
}

const ret = (v: bigint): Part[] => [...push(v), ...RETURN_TOP]

describe('CALL family', () => {
  it('CALL returns the callee output into memory and pushes 1', () => {
    const vm = vmWith({ [B]: ret(0x1234n), [A]: [...callArgs('CALL', 0xbbn), ...push(0n), 'MLOAD', ...push(32n), 'MSTORE', ...push(32n), ...push(32n), 'RETURN'] })
    const r = vm.call({ to: A, caller: CALLER })
    expect(r.status).toBe('success')
    expect(bytesToBigint(r.returnData)).toBe(0x1234n)
    const flag = vmWith({ [B]: ret(1n), [A]: [...callArgs('CALL', 0xbbn), ...RETURN_TOP] }).call({ to: A })
    expect(bytesToBigint(flag.returnData)).toBe(1n)
  })
  it('passes the argument range as input and copies output to the return range', () => {
    // B returns its first calldata word; A sends memory[32..36) and asks for the output at 64..96.
    const callB: Part[] = [...push(32n), ...push(64n), ...push(4n), ...push(32n), ...push(0n), ...push(0xbbn), ...push(100_000n), 'CALL']
    const vm = vmWith({
      [B]: [...push(0n), 'CALLDATALOAD', ...RETURN_TOP],
      [A]: [...push(0xdeadbeefn << 224n), ...push(32n), 'MSTORE', ...callB, 'POP', ...push(64n), 'MLOAD', ...RETURN_TOP],
    })
    expect(bytesToBigint(vm.call({ to: A }).returnData)).toBe(0xdeadbeefn << 224n)
  })
  it('a reverted callee pushes 0, its state changes roll back, and RETURNDATA* see its revert data', () => {
    const vm = vmWith({
      [B]: [...push(1n), ...push(1n), 'SSTORE', ...push(0xdeadn), ...push(0n), 'MSTORE', ...push(32n), ...push(0n), 'REVERT'],
      [A]: [...callArgs('CALL', 0xbbn), 'RETURNDATASIZE', ...push(32n), 'MSTORE', ...push(32n), ...push(0n), ...push(64n), 'RETURNDATACOPY', ...push(0n), 'MSTORE', ...push(96n), ...push(0n), 'RETURN'],
    })
    const r = vm.call({ to: A })
    expect(r.status).toBe('success')
    const words = [0, 1, 2].map((i) => bytesToBigint(r.returnData.subarray(32 * i, 32 * i + 32)))
    expect(words).toEqual([0n, 32n, 0xdeadn])
    expect(vm.state.sload(B, 1n)).toBe(0n)
  })
  it('RETURNDATACOPY past the end is an error', () => {
    const vm = vmWith({ [B]: ret(1n), [A]: [...callArgs('CALL', 0xbbn), ...push(1n), ...push(32n), ...push(0n), 'RETURNDATACOPY', 'HALT'] })
    expect(vm.call({ to: A }).error).toBe('ReturnDataOutOfBounds')
  })
  it('CALL with value moves balance; insufficient balance pushes 0 and keeps the gas', () => {
    const vm = vmWith({ [B]: ['HALT'], [A]: [...callArgs('CALL', 0xbbn, { value: 40n }), ...RETURN_TOP] })
    vm.state.setBalance(A, 100n)
    vm.state.finalizeTransaction()
    expect(bytesToBigint(vm.call({ to: A }).returnData)).toBe(1n)
    expect(vm.state.getBalance(B)).toBe(40n)
    expect(vm.state.getBalance(A)).toBe(60n)
    const poor = vmWith({ [B]: ['HALT'], [A]: [...callArgs('CALL', 0xbbn, { value: 1000n }), ...RETURN_TOP] })
    expect(bytesToBigint(poor.call({ to: A }).returnData)).toBe(0n)
  })
  it('DELEGATECALL runs the callee code in the caller context', () => {
    const vm = vmWith({
      [B]: [...push(5n), ...push(9n), 'SSTORE', 'CALLER', ...RETURN_TOP],
      [A]: [...callArgs('DELEGATECALL', 0xbbn), 'POP', ...push(0n), 'MLOAD', ...RETURN_TOP],
    })
    const r = vm.call({ to: A, caller: CALLER })
    expect(bytesToBigint(r.returnData)).toBe(BigInt(CALLER))
    expect(vm.state.sload(A, 9n)).toBe(5n)
    expect(vm.state.sload(B, 9n)).toBe(0n)
  })
  it('CALLCODE runs the callee code with the caller storage and itself as msg.sender', () => {
    const vm = vmWith({
      [B]: [...push(5n), ...push(9n), 'SSTORE', 'CALLER', ...RETURN_TOP],
      [A]: [...callArgs('CALLCODE', 0xbbn), 'POP', ...push(0n), 'MLOAD', ...RETURN_TOP],
    })
    const r = vm.call({ to: A, caller: CALLER })
    expect(bytesToBigint(r.returnData)).toBe(BigInt(A))
    expect(vm.state.sload(A, 9n)).toBe(5n)
  })
  it('STATICCALL blocks SSTORE, LOG, CREATE, value CALL and state-changing syscalls in the callee', () => {
    const bodies: Part[][] = [
      [...push(1n), ...push(1n), 'SSTORE'],
      [...push(0n), ...push(0n), 'LOG0'],
      [...push(0n), ...push(0n), ...push(0n), 'CREATE'],
      callArgs('CALL', 0xccn, { value: 1n }),
      [...push(0n), ...push(1n), ...push(1n), ...push(1n), 'HTS_TRANSFER'],
      [...push(1n), ...push(1n), 'TSTORE'],
      [...push(0xccn), 'SELFDESTRUCT'],
    ]
    for (const body of bodies) {
      const vm = vmWith({ [B]: [...body, 'HALT'], [A]: [...callArgs('STATICCALL', 0xbbn), ...RETURN_TOP] })
      expect(bytesToBigint(vm.call({ to: A }).returnData)).toBe(0n)
    }
    const reader = vmWith({ [B]: [...push(1n), 'SLOAD', 'HALT'], [A]: [...callArgs('STATICCALL', 0xbbn), ...RETURN_TOP] })
    expect(bytesToBigint(reader.call({ to: A }).returnData)).toBe(1n)
  })
  it('passes at most 63/64 of the remaining gas', () => {
    // B returns GAS; A asks for far more than it has.
    const vm = vmWith({ [B]: ['GAS', ...RETURN_TOP], [A]: [...callArgs('CALL', 0xbbn, { gas: 10n ** 9n }), 'POP', ...push(0n), 'MLOAD', ...RETURN_TOP] })
    const r = vm.call({ to: A, gasLimit: 100_000 })
    const calleeGas = bytesToBigint(r.returnData)
    // A spent 7 pushes (21) + CALL 100 + memory (3) + cold B (2500) before the call; the callee gets all but 1/64.
    const left = 100_000 - 21 - 100 - 3 - 2500
    expect(calleeGas).toBe(BigInt(left - Math.floor(left / 64) - 2))
  })
  it('call depth stops at 1024', () => {
    // A calls itself with all its gas and counts depth in storage slot 0 (transient to stay cheap).
    const body: Part[] = [...push(0n), 'TLOAD', ...push(1n), 'ADD', 'DUP1', ...push(0n), 'TSTORE',
      ...callArgs('CALL', 0xaan, { gas: 10n ** 12n, outLen: 0n }), 'POP', ...push(0n), 'TLOAD', ...RETURN_TOP]
    const vm = vmWith({ [A]: body })
    const r = vm.call({ to: A, gasLimit: 2 ** 52 })
    expect(r.status).toBe('success')
    expect(bytesToBigint(r.returnData)).toBe(1025n)
  })
})

describe('CREATE and CREATE2', () => {
  // Init code that returns runtime code `11 07 00` (PUSH1 7 HALT).
  const runtime = prog('PUSH1', 7, 'HALT')
  const init = prog(...push(BigInt(bytesToHex(runtime))), ...push(0n), 'MSTORE', ...push(3n), ...push(29n), 'RETURN')
  const storeInit: Part[] = [...push(BigInt(bytesToHex(init)) << BigInt(256 - 8 * init.length)), ...push(0n), 'MSTORE']

  it('CREATE deploys at keccak(rlp(sender, nonce)) and increments the nonce', () => {
    const vm = vmWith({ [A]: [...storeInit, ...push(BigInt(init.length)), ...push(0n), ...push(0n), 'CREATE', ...RETURN_TOP] })
    const r = vm.call({ to: A })
    const created = bigintToAddress(bytesToBigint(r.returnData))
    expect(created).toBe(createAddress(A, 0n))
    expect([...vm.state.getCode(created)]).toEqual([...runtime])
    expect(vm.state.getNonce(created)).toBe(1n)
    expect(vm.state.getNonce(A)).toBe(1n)
  })
  it('CREATE2 deploys at the EIP-1014 address; a second time collides', () => {
    const code: Part[] = [...storeInit, ...push(0x5a17n), ...push(BigInt(init.length)), ...push(0n), ...push(0n), 'CREATE2', ...RETURN_TOP]
    const vm = vmWith({ [A]: code })
    const created = bigintToAddress(bytesToBigint(vm.call({ to: A }).returnData))
    expect(created).toBe(create2Address(A, 0x5a17n, init))
    expect(bytesToBigint(vm.call({ to: A }).returnData)).toBe(0n)
  })
  it('a reverting constructor deploys nothing and its revert data is the return data', () => {
    const reverting = prog(...push(0xeen), ...push(0n), 'MSTORE8', ...push(1n), ...push(0n), 'REVERT')
    const vm = vmWith({ [A]: [...push(BigInt(bytesToHex(reverting)) << BigInt(256 - 8 * reverting.length)), ...push(0n), 'MSTORE',
      ...push(BigInt(reverting.length)), ...push(0n), ...push(0n), 'CREATE', 'RETURNDATASIZE', 'ADD', ...RETURN_TOP] })
    const r = vm.call({ to: A })
    expect(bytesToBigint(r.returnData)).toBe(1n) // address 0 + returndatasize 1
    expect(vm.state.getCode(createAddress(A, 0n)).length).toBe(0)
  })
  it('Vm.deploy runs init code and reports the address', () => {
    const vm = nativeVm()
    const r = vm.deploy({ initCode: init, caller: CALLER })
    expect(r.status).toBe('success')
    expect(r.createdAddress).toBe(createAddress(CALLER, 0n))
    expect(vm.call({ to: r.createdAddress! }).status).toBe('success')
  })
  it('init code above 49152 bytes is an error', () => {
    const r = nativeVm().run({ code: prog(...push(49153n), ...push(0n), ...push(0n), 'CREATE', 'HALT'), gasLimit: 10_000_000 })
    expect(r.error).toBe('InitCodeSizeExceeded')
  })
})

describe('SELFDESTRUCT (EIP-6780)', () => {
  it('an existing contract only sends its balance away', () => {
    const vm = vmWith({ [A]: [...push(0xbbn), 'SELFDESTRUCT'] })
    vm.state.setBalance(A, 50n)
    vm.state.finalizeTransaction()
    const r = vm.call({ to: A })
    expect(r.status).toBe('success')
    expect(vm.state.getBalance(B)).toBe(50n)
    expect(vm.state.getBalance(A)).toBe(0n)
    expect(vm.state.getCode(A).length).toBeGreaterThan(0)
  })
})

describe('Hedera syscalls', () => {
  it('fail cleanly without a handler', () => {
    const r = nativeVm().run({ code: prog(...push(1n), ...push(2n), 'HTS_MINT'), gasLimit: 100_000 })
    expect([r.status, r.error]).toEqual(['error', 'SyscallUnavailable'])
  })
  it('dispatch to the host with arguments top first and push its answer', () => {
    const seen: [number, bigint[]][] = []
    const host: Host = {
      blockHash: () => 0n,
      syscall: (op, args) => {
        seen.push([op, [...args]])
        return { ok: true, value: 1n, gasUsed: 10 }
      },
    }
    const vm = nativeVm({ host })
    // HTS_TRANSFER token, from, to, amount (top first)
    const r = vm.run({ code: prog(...push(500n), ...push(3n), ...push(2n), ...push(0x777n), 'HTS_TRANSFER', ...RETURN_TOP), gasLimit: 100_000 })
    expect(bytesToBigint(r.returnData)).toBe(1n)
    expect(seen).toEqual([[0xe0, [0x777n, 2n, 3n, 500n]]])
    expect(r.gasUsed).toBe(12 + 10050 + 10 + 15)
  })
  it('a throwing handler fails the frame instead of escaping', () => {
    const vm = nativeVm({ host: { blockHash: () => 0n, syscall: () => { throw new Error('boom') } } })
    expect(vm.run({ code: prog('HCS_CREATE_TOPIC'), gasLimit: 100_000 }).error).toBe('SyscallFailed')
  })
})

describe('post-quantum opcodes', () => {
  const seed = keccak_256(new Uint8Array([1]))
  const keys = ml_dsa44.keygen(seed)
  const msg = new Uint8Array([1, 2, 3, 4, 5])
  const sig = ml_dsa44.sign(msg, keys.secretKey)

  function verifyCode(m: Uint8Array, s: Uint8Array, pk: Uint8Array): { code: Uint8Array; data: Uint8Array } {
    const data = new Uint8Array([...m, ...s, ...pk])
    const code = prog(...push(BigInt(data.length)), ...push(0n), ...push(0n), 'CALLDATACOPY',
      ...push(BigInt(pk.length)), ...push(BigInt(m.length + s.length)), ...push(BigInt(s.length)), ...push(BigInt(m.length)),
      ...push(BigInt(m.length)), ...push(0n), 'PQ_VERIFY_DILITHIUM', ...RETURN_TOP)
    return { code, data }
  }

  it('PQ_VERIFY_DILITHIUM accepts a real ML-DSA signature and rejects a tampered one', () => {
    const ok = verifyCode(msg, sig, keys.publicKey)
    expect(bytesToBigint(nativeVm().run({ ...ok, gasLimit: 10_000_000 }).returnData)).toBe(1n)
    const tampered = verifyCode(new Uint8Array([9, 2, 3, 4, 5]), sig, keys.publicKey)
    expect(bytesToBigint(nativeVm().run({ ...tampered, gasLimit: 10_000_000 }).returnData)).toBe(0n)
    const garbage = verifyCode(msg, sig.subarray(1), keys.publicKey.subarray(3))
    expect(nativeVm().run({ ...garbage, gasLimit: 10_000_000 }).status).toBe('success')
  })
  it('PQ_KEYGEN writes the deterministic ML-DSA-65 key pair', () => {
    const code = prog(...push(BigInt(bytesToHex(seed))), ...push(0n), 'MSTORE', ...push(64n), ...push(0n), 'PQ_KEYGEN',
      ...push(1952n), ...push(64n), 'RETURN')
    const r = nativeVm().run({ code, gasLimit: 10_000_000 })
    expect(r.status).toBe('success')
    expect(bytesToHex(r.returnData)).toBe(bytesToHex(ml_dsa65.keygen(seed).publicKey))
  })
})
