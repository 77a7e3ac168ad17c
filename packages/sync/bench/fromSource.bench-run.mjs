// The benchmark as one long "test", so that vitest resolves the packages to their sources.
import { it } from 'vitest'

it('benchmark', async () => {
  await import('./sync.bench.mjs')
})
