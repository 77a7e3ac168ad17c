import fc from 'fast-check'

/**
 * Every property runs at least 1,000 times. A property may ask for more, never fewer; a
 * failure prints its seed and path, and its counterexample is pinned as an `examples:`
 * entry of that property.
 */
fc.configureGlobal({ numRuns: 1000 })
