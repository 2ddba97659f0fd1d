/** Runs the tiers test's loop with every block due for compiling at once; printed as JSON (used under --disallow-code-generation-from-strings). */
import { Vm } from '@zvm/core'
import { bytesToHex } from '@zvm/primitives'
import { evmTable, Fork } from '../src/index.ts'

const LOOP = Uint8Array.from(Buffer.from('600035' + '5b' + '8015601857' + '8060005401600055600190036003' + '56' + '5b60005460005260206000f3', 'hex'))
const vm = new Vm({ table: evmTable(Fork.Cancun), tier: 'compiled', compileThreshold: 1 })
const target = '0x00000000000000000000000000000000000000c0'
vm.state.setCode(target, LOOP)
const r = vm.call({ caller: '0x00000000000000000000000000000000000000ca', to: target, data: Uint8Array.from(Buffer.from((20n).toString(16).padStart(64, '0'), 'hex')), gasLimit: 1_000_000 })
console.log(JSON.stringify({ status: r.status, gasUsed: r.gasUsed, out: bytesToHex(r.returnData) }))
