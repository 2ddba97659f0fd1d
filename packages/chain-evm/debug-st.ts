import { readFileSync } from 'node:fs'
import { parseStateTestFile, runStateTestCase } from '@zvm/chain-evm'
import { JournaledState, MemoryDatabase } from '@zvm/state'
const [file, name, idx] = process.argv.slice(2)
const tests = parseStateTestFile(readFileSync(file, 'utf8'), file)
const t = tests[name ?? Object.keys(tests)[0]]
console.log(JSON.stringify(t.pre, null, 1).slice(0, 1500))
console.log('tx', JSON.stringify(t.transaction).slice(0, 600))
const r = runStateTestCase(name ?? Object.keys(tests)[0], t, 'Cancun', Number(idx ?? 0), {
  tracer: { step: (f, pc, op, cost) => { if (process.env.TRACE) console.log(f.depth, pc, f.ctx.table.names[op], f.gasLeft, cost, f.sp) } },
})
console.log(r)
