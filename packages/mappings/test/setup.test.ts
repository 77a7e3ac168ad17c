import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('property test settings', () => {
  it('runs every property at least 1,000 times (test/setup.ts)', () => {
    expect(fc.readConfigureGlobal().numRuns).toBeGreaterThanOrEqual(1000)
  })

  it('counts the runs it claims', () => {
    let runs = 0
    fc.assert(
      fc.property(fc.nat(), () => {
        runs++
      }),
    )
    expect(runs).toBeGreaterThanOrEqual(1000)
  })
})
