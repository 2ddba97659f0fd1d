/** Worker process: runs fixture files sent by the pool and sends back their results. */
import { runFixtureFile, SLOW_CASES } from '@zvm/chain-evm/statetest'
import type { WorkerJob } from './pool.ts'

// Test hook (apps/cli/test/statetest-robust.test.ts): die by SIGKILL on a file whose name ends
// with this, as the kernel's OOM killer would, to check that the pool fails that file.
const KILL_ON = process.env.ZVM_TEST_STATETEST_WORKER_KILL_ON

process.on('message', (job: WorkerJob) => {
  if (KILL_ON && job.file.endsWith(KILL_ON)) process.kill(process.pid, 'SIGKILL')
  process.send!(runFixtureFile(job.file, job.fork, { skip: job.skip ? SLOW_CASES : undefined, ...job.engine }))
})
