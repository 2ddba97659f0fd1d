import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseStateTestFile, runStateTestCase } from '@zvm/chain-evm'
const root = process.argv[2]
function files(p: string): string[] { return statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => files(join(p, f))) : p.endsWith('.json') ? [p] : [] }
let pass = 0, fail = 0, crash = 0
const failures: string[] = []
const t0 = Date.now()
for (const f of files(root)) {
  let tests
  try { tests = parseStateTestFile(readFileSync(f, 'utf8'), f) } catch (e) { crash++; failures.push(`${f}: ${(e as Error).message}`); continue }
  for (const [name, t] of Object.entries(tests)) {
    const posts = t.post['Cancun'] ?? []
    for (let i = 0; i < posts.length; i++) {
      try {
        const r = runStateTestCase(name, t, 'Cancun', i)
        if (r.pass) pass++
        else { fail++; failures.push(`${f.replace(root, '')} ${name} #${i} d${r.indexes.data}g${r.indexes.gas}v${r.indexes.value} root ${r.actualRoot === r.expectedRoot ? 'ok' : 'BAD'} logs ${r.actualLogs === r.expectedLogs ? 'ok' : 'BAD'} txErr=${r.txError} expect=${r.expectException}`) }
      } catch (e) { crash++; failures.push(`${f} ${name} #${i} CRASH ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`) }
    }
  }
}
console.log(failures.slice(0, Number(process.argv[3] ?? 40)).join('\n'))
console.log(`${pass} passed, ${fail} failed, ${crash} crashed in ${Date.now() - t0} ms`)
