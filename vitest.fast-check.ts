/**
 * fast-check's seed: random on a developer's machine (properties keep exploring; pin
 * every counterexample found as an `examples:` entry), fixed in CI (a run is
 * reproducible, and red only for a reason). `FC_SEED=<n>` replays a given seed anywhere.
 */
import fc from 'fast-check'

const fromEnv = process.env['FC_SEED']
const seed = fromEnv !== undefined ? Number(fromEnv) : process.env['CI'] ? 20_261_127 : undefined
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
