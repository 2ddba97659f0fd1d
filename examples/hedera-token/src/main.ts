/** Runs the TokenTreasury walkthrough and prints each step's response codes, events, balances and gas. */
import { responseCodeName, TINYCENTS_PER_USD, type ResponseCodeName } from '@zvm/chain-hedera'
import { solcVersion } from './compile.ts'
import { HBAR, intrinsicGas, runWalkthrough, type StepResult } from './walkthrough.ts'

const fmt = (v: unknown): string => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? `[${v.map(fmt).join(', ')}]` : String(v))
const code = (c: number): string => `${c} ${responseCodeName(c) as ResponseCodeName}`
const tinybar = (t: bigint): string => `${t} tinybar (${Number(t) / Number(HBAR)} HBAR)`

const w = runWalkthrough()
const names = new Map<string, string>([
  [w.contract, 'TokenTreasury'], [w.token, 'token'],
  ...Object.entries(w.world.accounts).map(([name, a]) => [a.address, name] as [string, string]),
])
const who = (a: unknown): string => (typeof a === 'string' && names.has(a.toLowerCase()) ? names.get(a.toLowerCase())! : fmt(a))

function print(s: StepResult): void {
  console.log(`\n${s.title}`)
  const r = s.result
  console.log(`  transaction: ${r.status}, response code ${code(r.responseCode)}, gas used ${r.gasUsed}`)
  if (s.htsGas !== undefined) {
    const priced = s.htsPrice === undefined ? 'fixed create gas; the $1 is paid in HBAR' : `spec §5 formula at $${s.htsPrice / TINYCENTS_PER_USD}`
    const intrinsic = s.to === null ? undefined : intrinsicGas(s.data)
    if (intrinsic !== undefined) console.log(`  = intrinsic ${intrinsic} + HTS ${s.htsGas} (${priced}) + EVM work ${r.gasUsed - intrinsic - BigInt(s.htsGas)}`)
  }
  if (s.htsCode !== undefined) console.log(`  HTS response code: ${code(s.htsCode)}`)
  if (s.returned !== undefined) console.log(`  returned: ${who(s.returned)}`)
  if (s.revert) console.log(`  reverted with ${s.revert.errorName}(${s.revert.args.map(fmt).join(', ')})`)
  for (const e of s.events) {
    console.log(`  event ${e.eventName} from ${who(e.address)}: ${Object.entries(e.args).map(([k, v]) => `${k}=${who(v)}`).join(', ')}`)
  }
  if (s.balances) console.log(`  balances: treasury ${s.balances.treasury}, alice ${s.balances.alice}, bob ${s.balances.bob}; total supply ${s.balances.totalSupply}`)
}

console.log(`compiled TokenTreasury.sol with solc ${solcVersion()}`)
console.log(`accounts: ${Object.entries(w.world.accounts).map(([name, a]) => `${name} ${a.id} (${a.address})`).join(', ')}`)
const steps = Object.values(w.steps)
print(steps[0])
console.log(`  contract at ${w.contract}`)
print(steps[1])
console.log(`  token ${w.world.ledger.resolveId(w.token)} at ${w.token}`)
console.log(`  operator paid ${tinybar(w.hbarBefore.operator - w.hbarAfter.operator)}; fee collector 0.0.98 got ${tinybar(w.hbarAfter.feeCollector - w.hbarBefore.feeCollector)}; contract keeps ${tinybar(w.hbarAfter.contract)}`)
for (const s of steps.slice(2)) print(s)
const info = w.world.ledger.getToken(w.token)!
console.log(`\ntotal supply ${info.totalSupply} (${info.decimals} decimals) — ledger and facade agree: ${info.totalSupply === w.steps.totalSupply.returned}`)
