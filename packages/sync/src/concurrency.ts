/**
 * Runs `fn` over `items` with at most `limit` calls in flight, resolving when all are
 * done, or when `stopped()` says so (no further item is started). `fn` must not reject
 * (sync handlers turn failures into outcomes).
 */
export const forEachConcurrent = async <A>(
  items: Iterable<A>,
  limit: number,
  fn: (item: A) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> => {
  const iterator = items[Symbol.iterator]()
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done && !stopped(); next = iterator.next())
      await fn(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker))
}
