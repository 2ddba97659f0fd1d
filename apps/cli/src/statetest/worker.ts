/** Worker process: runs fixture files sent by the pool and sends back their results. */
import { runFixtureFile, SLOW_CASES } from '@zvm/chain-evm'
import type { EngineOptions } from './pool.ts'

process.on('message', (job: { file: string; fork: string; skip: boolean; engine: EngineOptions }) => {
  process.send!(runFixtureFile(job.file, job.fork, { skip: job.skip ? SLOW_CASES : undefined, ...job.engine }))
})
