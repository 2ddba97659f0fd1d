import { DEFAULT_FIXTURES, fixtureCases } from './cases.ts'
import { runZvm } from './engine-zvm.ts'
const c = fixtureCases(DEFAULT_FIXTURES).find((x) => x.name.startsWith(process.argv[2]))!
for (let i = 0; i < 20; i++) runZvm(c)
