import { describe, expect, it } from 'vitest'

import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../src/index.js'

/** The flags handed to V8, recorded instead of set: this test process keeps its own heap. */
const recorder = () => {
  const set: string[] = []
  return { set, setFlags: (flags: string) => void set.push(flags) }
}

describe('boundHeapGrowth', () => {
  it('sets V8’s heap growth to the percent given, the default being half', () => {
    const v8 = recorder()
    expect(HEAP_GROWING_PERCENT).toBe(50)
    expect(boundHeapGrowth(undefined, [], v8.setFlags)).toBe('--heap-growing-percent=50')
    expect(boundHeapGrowth(80, ['--enable-source-maps'], v8.setFlags)).toBe(
      '--heap-growing-percent=80',
    )
    expect(v8.set).toEqual(['--heap-growing-percent=50', '--heap-growing-percent=80'])
  })

  it('leaves a setting given to node itself as it is', () => {
    const v8 = recorder()
    expect(boundHeapGrowth(50, ['--heap-growing-percent=200'], v8.setFlags)).toBe(
      '--heap-growing-percent=200',
    )
    expect(v8.set).toEqual([])
  })

  it('refuses a percent V8 would misread', () => {
    const v8 = recorder()
    for (const bad of [0, -5, 2.5, 301, Number.NaN])
      expect(() => boundHeapGrowth(bad, [], v8.setFlags)).toThrow(RangeError)
    expect(v8.set).toEqual([])
  })
})
