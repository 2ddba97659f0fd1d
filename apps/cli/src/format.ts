/** Result formatting: the documented JSON shape and a human summary. */
import type { ExecutionResult } from '@zvm/core'
import { bytesToHex, bigintToBytes } from '@zvm/primitives'

/** The JSON object `zvm run --json` prints. */
export interface RunJson {
  status: 'success' | 'revert' | 'error'
  error: string | null
  gasUsed: number
  returnData: string
  logs: { address: string; topics: string[]; data: string }[]
}

export function toRunJson(r: ExecutionResult): RunJson {
  return {
    status: r.status,
    error: r.error,
    gasUsed: r.gasUsed,
    returnData: bytesToHex(r.returnData),
    logs: r.logs.map((l) => ({ address: l.address, topics: l.topics.map((t) => bytesToHex(bigintToBytes(t, 32))), data: bytesToHex(l.data) })),
  }
}

export function toHuman(r: ExecutionResult): string {
  const j = toRunJson(r)
  const lines = [
    `status:     ${j.status}${j.error ? ` (${j.error})` : ''}`,
    `gas used:   ${j.gasUsed}${r.gasRefunded ? ` (after a refund of ${r.gasRefunded})` : ''}`,
    `returned:   ${j.returnData}${r.returnData.length === 32 ? ` (= ${BigInt(j.returnData)})` : ''}`,
  ]
  for (const [i, l] of j.logs.entries()) lines.push(`log ${i}:      ${l.address} topics [${l.topics.join(', ')}] data ${l.data}`)
  for (const account of r.stateDiff.accounts) {
    for (const [slot, value] of account.storage) lines.push(`storage:    ${account.address} slot ${slot} = ${value}`)
  }
  return lines.join('\n') + '\n'
}
