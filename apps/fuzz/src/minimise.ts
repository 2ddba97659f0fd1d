/**
 * Delta-debugging shrink: drop chunks of a list (halves, quarters … single
 * items) while the failure persists. Bounded by a number of attempts so a
 * slow failure cannot stall a run.
 */

/**
 * The smallest sub-list found for which `fails` still holds.
 *
 * @example
 * ```ts
 * minimise([1, 2, 3, 4, 5], (xs) => xs.includes(4)) // [4]
 * ```
 */
export function minimise<T>(items: readonly T[], fails: (candidate: T[]) => boolean, maxAttempts = 400): T[] {
  let current = [...items]
  let attempts = 0
  let chunk = Math.max(1, current.length >> 1)
  while (chunk >= 1 && attempts < maxAttempts) {
    let removed = false
    for (let start = 0; start < current.length && attempts < maxAttempts;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)]
      attempts++
      let still = false
      try { still = candidate.length < current.length && fails(candidate) } catch { still = false }
      if (still) { current = candidate; removed = true } else start += chunk
    }
    if (!removed) chunk >>= 1
  }
  return current
}

/** {@link minimise} for an async predicate (the engines are async): bounded attempts, chunks halving. */
export async function minimiseAsync<T>(items: readonly T[], fails: (candidate: T[]) => Promise<boolean>, maxAttempts = 200): Promise<T[]> {
  let current = [...items]
  let attempts = 0
  for (let chunk = Math.max(1, current.length >> 1); chunk >= 1 && attempts < maxAttempts; chunk >>= 1) {
    for (let start = 0; start < current.length && attempts < maxAttempts;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)]
      attempts++
      if (await fails(candidate).catch(() => false)) current = candidate
      else start += chunk
    }
  }
  return current
}
