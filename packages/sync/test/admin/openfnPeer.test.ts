/**
 * The `./openfn` entry loads without its optional peer `@openfn/language-common` (under
 * `require` too: nothing is loaded at module load), and only `fn`/`each` need it: they
 * fail with a clear SyncOperationError when it is missing.
 */
import { describe, expect, it, vi } from 'vitest'

vi.mock('@openfn/language-common', () => {
  throw new Error('Cannot find module @openfn/language-common')
})

describe('@primero-interop/sync/openfn without @openfn/language-common', () => {
  it('loads, and fn says which peer to install when it runs', async () => {
    const openfn = await import('../../src/openfn/index.js')
    expect(typeof openfn.sync).toBe('function')
    const operation = openfn.fn((s: { n: number }) => s)
    await expect(operation({ n: 1 })).rejects.toMatchObject({
      name: 'SyncOperationError',
      code: 'PEER_MISSING',
      message: '@openfn/language-common is not installed',
    })
    await expect(openfn.each('$.data[*]', (s: unknown) => s)({})).rejects.toMatchObject({
      code: 'PEER_MISSING',
    })
  })
})
