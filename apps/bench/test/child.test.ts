import { expect, it } from 'vitest'
import { childExecArgv } from '../src/child.ts'

it('children keep loaders and conditions, never the parent\'s --eval/--print code', () => {
  expect(childExecArgv(['--import', 'tsx', '--conditions=source', '-e', 'spawnAgain()', '--input-type', 'module'])).toEqual(['--import', 'tsx', '--conditions=source'])
  // V8's tracing writes to the child's stdout, which the parent parses.
  expect(childExecArgv(['--import', 'tsx', '--trace-deopt', '--expose-gc'])).toEqual(['--import', 'tsx', '--expose-gc'])
  expect(childExecArgv(['--eval=spawnAgain()', '--print', 'x', '--input-type=module', '-i', '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096'])
  expect(childExecArgv(['-p', '1', '--conditions', 'source'])).toEqual(['--conditions', 'source'])
  expect(childExecArgv([])).toEqual([])
})
