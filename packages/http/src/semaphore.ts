/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export interface Semaphore {
  /** Runs `task` once a slot is free and releases the slot when it settles. */
  readonly run: <A>(task: () => Promise<A>) => Promise<A>
}

export const semaphore = (limit: number): Semaphore => {
  let active = 0
  const waiting: Array<() => void> = []
  const release = (): void => {
    const next = waiting.shift()
    if (next) next()
    else active -= 1
  }
  const acquire = (): Promise<void> => {
    if (active < limit) {
      active += 1
      return Promise.resolve()
    }
    return new Promise((resolve) => waiting.push(resolve))
  }
  return {
    run: async (task) => {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
  }
}
