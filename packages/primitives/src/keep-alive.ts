/**
 * Hidden classes kept for the life of the process. V8 collects a class's
 * hidden class (its map) once no instance of it is left, and the full GC that
 * does so deoptimises every optimised function that embeds the map ("reason:
 * weak objects" in `node --trace-deopt`). An engine whose per-run objects
 * (states, databases, hashers) all die between runs would lose its optimised
 * code at every full GC of the host process: measured, 10–37 times slower
 * runs. One idle instance of each such class keeps its map, and the code,
 * alive.
 */

const kept: object[] = []

/**
 * Keeps `example` (an idle instance, holding nothing large) alive for the
 * life of the process, and with it its class's hidden class; returns it.
 *
 * @example
 * ```ts
 * import { keepHiddenClass } from '@zvm/primitives'
 * class Counter { n = 0 }
 * keepHiddenClass(new Counter())
 * ```
 */
export function keepHiddenClass<T extends object>(example: T): T {
  kept.push(example)
  return example
}
