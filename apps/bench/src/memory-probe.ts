/**
 * Runs one case on one engine in a fresh process and prints its peak RSS
 * (MB): peak memory cannot be separated per engine inside the shared timing
 * process.
 */
import { fixtureCases, solcCases, DEFAULT_FIXTURES } from './cases.ts'
import { runEthereumjs, runZvm } from './engines.ts'

const [engine, name] = process.argv.slice(2)
const all = [...fixtureCases(DEFAULT_FIXTURES), ...solcCases()]
const c = all.find((x) => x.name === name)
if (!c) throw new Error(`no case ${name}`)
if (engine === 'zvm') runZvm(c)
else await runEthereumjs(c)
process.stdout.write(`${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`)
