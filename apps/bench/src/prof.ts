import { DEFAULT_FIXTURES, fixtureCases, solcCases } from './cases.ts'
import { runZvm } from './engine-zvm.ts'
const name = process.argv[2]
const n = Number(process.argv[3] ?? 20)
const c = [...fixtureCases(DEFAULT_FIXTURES), ...(process.env.SOLC ? solcCases() : [])].find((x) => x.name === name)!
for (let i = 0; i < 3; i++) runZvm(c)
let t = 0
for (let i = 0; i < n; i++) t += runZvm(c).ms
console.log(name, (t / n).toFixed(3), 'ms')
