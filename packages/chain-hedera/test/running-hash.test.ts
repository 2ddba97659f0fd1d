/** Running hash v3 against vectors made with the JDK's ObjectOutputStream (vectors/running-hash-v3.json). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { nextRunningHash, parseEntityId } from '../src/index.ts'

interface Vector { previous: string; payer: string; topic: string; seconds: number; nanos: number; sequenceNumber: number; message: string; runningHash: string }
const vectors = JSON.parse(readFileSync(join(import.meta.dirname, 'vectors', 'running-hash-v3.json'), 'utf8')) as Vector[]

describe('running hash version 3', () => {
  it.each(vectors.map((v, i) => [i, v] as const))('vector %i', (_, v) => {
    const hash = nextRunningHash({
      previous: hexToBytes(v.previous), payer: parseEntityId(v.payer), topic: parseEntityId(v.topic),
      time: { seconds: BigInt(v.seconds), nanos: v.nanos }, sequenceNumber: BigInt(v.sequenceNumber), message: hexToBytes(v.message),
    })
    expect(bytesToHex(hash).slice(2)).toBe(v.runningHash)
  })
})
