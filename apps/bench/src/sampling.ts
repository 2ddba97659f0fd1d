/** How the harness turns runs into samples: batches of runs lasting about SAMPLE_MS, then the median. */

/** Target length of one timed sample. */
export const SAMPLE_MS = 50
/** Most runs in one sample (sub-microsecond cases would otherwise batch thousands). */
export const MAX_BATCH = 200

/** Runs per sample for a case whose single run takes `runMs`: at least one, at most MAX_BATCH. */
export function batchSize(runMs: number): number {
  if (!(runMs > 0)) return MAX_BATCH
  return Math.min(MAX_BATCH, Math.max(1, Math.ceil(SAMPLE_MS / runMs)))
}

/** The median (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
}
