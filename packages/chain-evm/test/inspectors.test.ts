/**
 * The shipped inspectors on real solc contracts, checked against
 * @ethereumjs/evm's own step events (pc, opcode, gas, stack, depth of every
 * step; instruction counts per opcode) and against the gas the message used.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { createAddressFromString } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { Vm, type ExecutionTier, type Inspector } from '@zvm/core'
import { createCallTracer, createEip3155Tracer, createGasProfiler, type CallFrame, type Eip3155Step } from '@zvm/inspectors'
import { bigintToBytes, bytesToHex, type Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { evmTable, Fork, precompilesFor } from '../src/index.ts'
import { compileContracts } from './solc.ts'

const CALLER: Address = '0x00000000000000000000000000000000000c0ffe'
const selector = (signature: string): Uint8Array => keccak_256(new TextEncoder().encode(signature)).subarray(0, 4)
const encode = (signature: string, ...args: bigint[]): Uint8Array => new Uint8Array([...selector(signature), ...args.flatMap((a) => [...bigintToBytes(a, 32)])])
const contracts = compileContracts()

interface Step { pc: number; op: string; gas: number; depth: number; stack: string[] }

const SETUP = [encode('deploy(bytes32,uint256)', 7n, 42n)]

/** ZVM: deploy the factory, make the `setup` calls, then call `data`; the inspector watches the last call only. */
function zvmRun(tier: ExecutionTier, data: Uint8Array, inspector?: Inspector, setup = SETUP) {
  const vm = new Vm({ table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun), tier })
  const factory = vm.deploy({ caller: CALLER, initCode: contracts.Factory.bytecode }).createdAddress!
  for (const input of setup) vm.call({ caller: CALLER, to: factory, data: input })
  const watched = new Vm({ state: vm.state, table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun), tier, inspector })
  return { factory, result: watched.call({ caller: CALLER, to: factory, data }) }
}

async function ethereumjsSteps(data: Uint8Array, setup = SETUP): Promise<Step[]> {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) })
  const run = async (to: Address | undefined, input: Uint8Array) => {
    // Each message is its own transaction (see engines.ts).
    await evm.journal.cleanup()
    ;(evm.stateManager as unknown as { originalStorageCache: { clear(): void } }).originalStorageCache.clear()
    for (const address of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(address)
    return evm.runCall({ caller: createAddressFromString(CALLER), ...(to ? { to: createAddressFromString(to) } : {}), data: input, gasLimit: 30_000_000n })
  }
  const factory = (await run(undefined, contracts.Factory.bytecode)).createdAddress!.toString() as Address
  for (const input of setup) await run(factory, input)
  const steps: Step[] = []
  evm.events!.on('step', (s: { pc: number; opcode: { name: string }; gasLeft: bigint; depth: number; stack: bigint[] }, resolve?: () => void) => {
    steps.push({ pc: s.pc, op: s.opcode.name, gas: Number(s.gasLeft), depth: s.depth + 1, stack: s.stack.map((v) => `0x${v.toString(16)}`) })
    resolve?.()
  })
  await run(factory, data)
  return steps
}

const COLLIDING = [...SETUP, encode('tryDeployTwice(bytes32)', 9n)]
const CALLS: [string, Uint8Array, Uint8Array[]][] = [
  ['tryBoom(): a call that reverts with a reason, caught', encode('tryBoom()'), SETUP],
  ['deploy(): CREATE2 with a constructor and an event', encode('deploy(bytes32,uint256)', 8n, 5n), SETUP],
  ['tryDeployTwice(): a colliding CREATE2', encode('tryDeployTwice(bytes32)', 9n), COLLIDING],
]

describe('EIP-3155 tracer', () => {
  for (const [what, data, setup] of CALLS) {
    it(`${what}: every step's pc, opcode, gas, stack and depth equal @ethereumjs/evm's`, async () => {
      const lines: Eip3155Step[] = []
      zvmRun('interpreter', data, createEip3155Tracer((l) => lines.push(JSON.parse(l) as Eip3155Step)), setup)
      const ours: Step[] = lines.map((l) => ({ pc: l.pc, op: l.opName, gas: Number(l.gas), depth: l.depth, stack: l.stack }))
      const theirs = await ethereumjsSteps(data, setup)
      // Lines are written when an instruction has run; a CALL's line comes before its callee's steps.
      expect(ours.length).toBe(theirs.length)
      expect(ours).toEqual(theirs)
      // gasCost is the drop in gas to the next step of the same frame (calls: plus what the callee gives back).
      for (let i = 0; i + 1 < lines.length; i++) {
        const [a, b] = [lines[i], lines[i + 1]]
        if (a.depth === b.depth) expect(Number(a.gasCost), `step ${i} ${a.opName}`).toBe(Number(a.gas) - Number(b.gas))
      }
    })
  }
})

describe('gas profiler', () => {
  for (const [what, data, setup] of CALLS) {
    for (const tier of ['interpreter', 'compiled'] as const) {
      it(`${what} (${tier}): counts per opcode equal @ethereumjs/evm's steps, and the gas adds up to the message's`, async () => {
        const profiler = createGasProfiler()
        const { result } = zvmRun(tier, data, profiler.inspector, setup)
        const counts = Object.fromEntries(profiler.report().filter((p) => /^[A-Z0-9]+$/.test(p.opcode)).map((p) => [p.opcode, p.count]))
        const theirs: Record<string, number> = {}
        for (const s of await ethereumjsSteps(data, setup)) theirs[s.op] = (theirs[s.op] ?? 0) + 1
        expect(counts).toEqual(theirs)
        expect(profiler.totalGas()).toBe(result.gasUsed + result.gasRefunded)
      })
    }
  }
})

describe('call tracer', () => {
  it("tryBoom(): geth's callTracer shape, the callee's revert reason, gas used consistent with the result", () => {
    const tracer = createCallTracer()
    const { factory, result } = zvmRun('compiled', encode('tryBoom()'), tracer.inspector)
    const root = tracer.result() as CallFrame
    expect(root).toMatchObject({ type: 'CALL', from: CALLER, to: factory, value: '0x0', input: bytesToHex(encode('tryBoom()')) })
    expect(Number(root.gasUsed)).toBe(result.gasUsed + result.gasRefunded)
    expect(root.output).toBe(bytesToHex(result.returnData))
    expect(root.calls).toHaveLength(1)
    const [inner] = root.calls!
    // boom() is `pure`: Solidity calls it with STATICCALL.
    expect(inner).toMatchObject({ type: 'STATICCALL', from: factory, error: 'execution reverted', revertReason: 'boom', input: bytesToHex(selector('boom()')) })
    expect(inner.calls).toBeUndefined()
  })

  it('deploy(): a CREATE2 frame with the created address; a collision is an error frame', () => {
    const tracer = createCallTracer()
    const { factory } = zvmRun('compiled', encode('deploy(bytes32,uint256)', 8n, 5n), tracer.inspector)
    const create = tracer.result()!.calls![0]
    expect(create.type).toBe('CREATE2')
    expect(create.from).toBe(factory)
    expect(create.to).toMatch(/^0x[0-9a-f]{40}$/)
    expect(create.error).toBeUndefined()
    const collision = createCallTracer()
    zvmRun('compiled', encode('tryDeployTwice(bytes32)', 9n), collision.inspector, COLLIDING)
    expect(collision.result()!.calls![0]).toMatchObject({ type: 'CREATE2', error: 'contract address collision', gasUsed: collision.result()!.calls![0].gas })
  })

  it('a STATICCALL to a precompile is a frame with its output', () => {
    const tracer = createCallTracer()
    // STATICCALL identity with 2 bytes of input from memory, then STOP.
    const code = Uint8Array.from(Buffer.from('61abcd5f52600060006002601e60046104d2fa00', 'hex'))
    new Vm({ table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun), inspector: tracer.inspector }).run({ code })
    expect(tracer.result()!.calls).toEqual([{
      type: 'STATICCALL', from: '0x2000000000000000000000000000000000000002', to: '0x0000000000000000000000000000000000000004',
      gas: '0x4d2', gasUsed: '0x12', input: '0xabcd', output: '0xabcd',
    }])
  })
})

describe('log and selfdestruct hooks', () => {
  it('see every log the message keeps and each self-destruct with the value moved', () => {
    const logs: { address: Address; topics: readonly bigint[]; data: string }[] = []
    const destructs: [Address, Address, bigint][] = []
    const inspector: Inspector = {
      log: (address, topics, data) => { logs.push({ address, topics, data: bytesToHex(data) }) },
      selfdestruct: (address, beneficiary, value) => { destructs.push([address, beneficiary, value]) },
    }
    const { result } = zvmRun('compiled', encode('deploy(bytes32,uint256)', 8n, 5n), inspector)
    expect(logs).toEqual(result.logs.map((l) => ({ address: l.address, topics: l.topics, data: bytesToHex(l.data) })))
    expect(logs).toHaveLength(1)
    // PUSH20 beneficiary SELFDESTRUCT, run with 7 wei.
    const beneficiary: Address = '0x00000000000000000000000000000000000000be'
    const code = new Uint8Array([0x73, ...bigintToBytes(BigInt(beneficiary), 20), 0xff])
    const vm = new Vm({ table: evmTable(Fork.Cancun), inspector })
    vm.state.setBalance(CALLER, 100n)
    vm.run({ code, caller: CALLER, value: 7n })
    expect(destructs).toEqual([['0x2000000000000000000000000000000000000002', beneficiary, 7n]])
  })
})
