/** Worker process: runs fixture files sent by the pool and sends back their results. */
import { runFixtureFile, SLOW_CASES } from '@zvm/chain-evm'

process.on('message', (job: { file: string; fork: string; skip: boolean }) => {
  process.send!(runFixtureFile(job.file, job.fork, { skip: job.skip ? SLOW_CASES : undefined }))
})
