import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with the one line CI reads, exactly `N passed, N failed` (skips are reported on the line before). */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++
    }
    if (skipped) process.stdout.write(`\n${skipped} skipped (fixtures missing or not applicable; see the messages above)`)
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  }
}
