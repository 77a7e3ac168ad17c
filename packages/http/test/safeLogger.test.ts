import { describe, expect, it } from 'vitest'

import type { Logger } from '../src/index.js'
import { safeLogger, silentLogger } from '../src/index.js'

describe('safeLogger', () => {
  it('passes events through', () => {
    const seen: string[] = []
    const logger = safeLogger({ ...silentLogger, warn: (event) => seen.push(event) })
    logger.warn('x.retry', { attempt: 1 })
    expect(seen).toEqual(['x.retry'])
  })

  it('swallows what a broken logger throws, at every level', () => {
    const throwing = (): void => {
      throw new Error('logger down')
    }
    const broken: Logger = { debug: throwing, info: throwing, warn: throwing, error: throwing }
    const logger = safeLogger(broken)
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      expect(() => logger[level]('event')).not.toThrow()
    }
  })
})
