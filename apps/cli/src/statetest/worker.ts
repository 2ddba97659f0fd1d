/** Worker process: runs fixture files sent by the pool and sends back their results. */
import { runFixtureFile } from '@zvm/chain-evm'

process.on('message', (job: { file: string; fork: string }) => {
  process.send!(runFixtureFile(job.file, job.fork))
})
