/**
 * Runs `fn` over `items` with at most `limit` calls in flight, resolving when all are
 * done. `fn` must not reject (sync handlers turn failures into outcomes).
 */
export const forEachConcurrent = async <A>(
  items: Iterable<A>,
  limit: number,
  fn: (item: A) => Promise<void>,
): Promise<void> => {
  const iterator = items[Symbol.iterator]()
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await fn(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker))
}
