/**
 * Issue #12, item 6: never lower a child's risk. A Primero level OSCaR does not know goes
 * out as the nearest OSCaR level at least as high; a configuration that would lower a risk
 * is refused. Each example fails on the code before the fix.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import type { MappingConfig, OscarRiskLevelValue } from '../src/index.js'
import {
  cambodia,
  MappingConfig as MappingConfigCodec,
  oscarRiskOrder,
  outboundReferrals,
  parseMappingConfig,
} from '../src/index.js'
import { caseReferredToTwoNgos, referralsToTwoNgos } from './fixtures/primero.js'
import { codes, primeroCase, primeroReferral, valueOf, warningsOf } from './helpers.js'

const sent = (riskLevel: string, config: MappingConfig = cambodia) => {
  const result = outboundReferrals(
    {
      case: primeroCase({ ...caseReferredToTwoNgos, risk_level: riskLevel }),
      referrals: [primeroReferral(referralsToTwoNgos[0])],
    },
    config,
    { since: undefined },
  )
  return { level: valueOf(result)[0]?.payload.level_of_risk, warnings: codes(warningsOf(result)) }
}

const rank = (level: string | undefined): number =>
  oscarRiskOrder.indexOf(level as OscarRiskLevelValue)

const json = (config: MappingConfig): Record<string, unknown> =>
  JSON.parse(JSON.stringify(MappingConfigCodec.encode(config))) as Record<string, unknown>

const withRisk = (riskLevels: Record<string, unknown>): unknown => ({
  ...json(cambodia),
  riskLevels: { ...(json(cambodia)['riskLevels'] as object), ...riskLevels },
})

const paths = (u: unknown): ReadonlyArray<string> => {
  const result = parseMappingConfig(u)
  return E.isLeft(result) ? result.left.map((e) => e.path) : []
}

describe('outbound risk levels', () => {
  it('sends very_high as high, not no action, and reports nothing', () => {
    expect(sent('very_high')).toEqual({ level: 'high', warnings: [] })
  })

  it('still sends the table levels as they are, and the default for an unknown one (reported)', () => {
    expect(sent('medium').level).toBe('medium')
    expect(sent('severe')).toEqual({ level: 'no action', warnings: ['UNKNOWN_RISK_LEVEL'] })
  })
})

describe('the risk configuration', () => {
  it('the preset states the order and very_high → high', () => {
    expect(cambodia.riskLevels.outboundAtLeast).toEqual({ very_high: 'high' })
    expect(cambodia.riskLevels.order).toEqual(['no_action', 'low', 'medium', 'high', 'very_high'])
  })

  it('an existing JSON without the new keys still parses (no extra levels, no order)', () => {
    const {
      outboundAtLeast: _a,
      order: _o,
      ...old
    } = json(cambodia)['riskLevels'] as Record<string, unknown>
    const parsed = parseMappingConfig({ ...json(cambodia), riskLevels: old })
    expect(E.isRight(parsed)).toBe(true)
    if (E.isRight(parsed)) expect(sent('very_high', parsed.right).level).toBe('no action')
  })

  it('refuses a level that would go out lower than a level below it, at its path', () => {
    expect(paths(withRisk({ outboundAtLeast: { very_high: 'low' } }))).toEqual([
      'riskLevels.order[4]',
    ])
  })

  it('wants an order with extra levels, every level in it once, and no unknown one', () => {
    const noOrder = withRisk({ order: undefined })
    expect(paths(JSON.parse(JSON.stringify(noOrder)))).toEqual(['riskLevels.order'])
    expect(paths(withRisk({ order: ['no_action', 'low', 'medium', 'high'] }))).toEqual([
      'riskLevels.order',
    ])
    expect(
      paths(withRisk({ order: ['no_action', 'low', 'medium', 'high', 'very_high', 'urgent'] })),
    ).toEqual(['riskLevels.order[5]'])
    expect(paths(withRisk({ outboundAtLeast: { high: 'high' } }))).toContain(
      'riskLevels.outboundAtLeast.high',
    )
  })
})

describe('never lowered (property)', () => {
  const primeroLevels = cambodia.riskLevels.levels.map((l) => l.primero)

  it('for any accepted configuration, a higher Primero level never goes out lower', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.stringMatching(/^x_[a-z]{1,6}$/),
            oscar: fc.constantFrom(...oscarRiskOrder),
            at: fc.nat({ max: primeroLevels.length }),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        (extras, reversed) => {
          const unique = extras.filter((e, i) => extras.findIndex((x) => x.name === e.name) === i)
          const order = [...primeroLevels]
          for (const e of unique) order.splice(Math.min(e.at, order.length), 0, e.name)
          const config = withRisk({
            outboundAtLeast: Object.fromEntries(unique.map((e) => [e.name, e.oscar])),
            order: reversed ? [...order].reverse() : order,
          })
          const oscarOf = (level: string): string | undefined =>
            cambodia.riskLevels.levels.find((l) => l.primero === level)?.oscar ??
            unique.find((e) => e.name === level)?.oscar
          const listed = reversed ? [...order].reverse() : order
          const monotone = listed.every((l, i) =>
            listed.slice(0, i).every((q) => rank(oscarOf(q)) <= rank(oscarOf(l))),
          )
          const parsed = parseMappingConfig(config)
          expect(E.isRight(parsed)).toBe(monotone)
          if (E.isLeft(parsed)) {
            expect(parsed.left.every((e) => e.path.startsWith('riskLevels.'))).toBe(true)
            return
          }
          const out = listed.map((l) => sent(l, parsed.right).level)
          out.forEach((level, i) => {
            for (const lower of out.slice(0, i)) {
              expect(rank(level)).toBeGreaterThanOrEqual(rank(lower))
            }
          })
        },
      ),
    )
  })
})
