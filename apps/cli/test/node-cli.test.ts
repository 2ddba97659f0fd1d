/**
 * `zvm node` as a user runs it (scripts/zvm.mjs, the built CLI): the banner
 * with ports and accounts, one line and exit 1 for a port in use, and a
 * graceful stop on SIGTERM (exit 0).
 */
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'zvm.mjs')
const FREE = ['--mirror-port', '0', '--web3-port', '0', '--relay-port', '0']

describe('zvm node', () => {
  it('prints its ports and accounts, refuses a port in use in one line, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [SCRIPT, 'node', '--port', '0', ...FREE, '--accounts', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    const lines: string[] = []
    await new Promise<void>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout })
      rl.on('line', (l) => { lines.push(l); if (l.startsWith('  0.0.5')) resolve() })
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)))
    })
    const grpcPort = /127\.0\.0\.1:(\d+)\s+node account 0\.0\.3/.exec(lines.join('\n'))?.[1]
    expect(grpcPort).toBeDefined()
    expect(lines.join('\n')).toContain('operator  0.0.2  ED25519 private key 91132178e72057a1d7528025956fe39b0b847f200ab59b2fdd367017f3087137')
    expect(lines.filter((l) => /^ {2}0\.0\.\d+ +0x[0-9a-f]{40} {2}private key 0x[0-9a-f]{64}$/.test(l))).toHaveLength(2)

    const second = spawnSync(process.execPath, [SCRIPT, 'node', '--port', grpcPort!, ...FREE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
    expect(second.status).toBe(1)
    expect(second.stderr.trim().split('\n').filter((l) => !l.startsWith('zvm: building'))).toEqual([`zvm: port ${grpcPort} (gRPC) is already in use; choose another with --port`])

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(err).toContain('zvm node: SIGTERM, stopping')
    expect(err).toContain('zvm node: stopped')
  })
})
