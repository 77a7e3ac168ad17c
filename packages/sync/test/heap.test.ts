import { describe, expect, it } from 'vitest'

import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../src/index.js'

describe('boundHeapGrowth', () => {
  it('sets V8’s heap growth to the percent given, the default being half', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50)
    expect(boundHeapGrowth(undefined, [])).toBe('--heap-growing-percent=50')
    expect(boundHeapGrowth(80, ['--enable-source-maps'])).toBe('--heap-growing-percent=80')
  })

  it('leaves a setting given to node itself as it is', () => {
    expect(boundHeapGrowth(50, ['--heap-growing-percent=200'])).toBe('--heap-growing-percent=200')
  })

  it('refuses a percent V8 would misread', () => {
    for (const bad of [0, -5, 2.5, 301, Number.NaN])
      expect(() => boundHeapGrowth(bad, [])).toThrow(RangeError)
  })
})
