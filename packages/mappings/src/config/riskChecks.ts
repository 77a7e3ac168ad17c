import { type Check, configError, duplicates, has } from './checks.js'
import { joinPath } from './configPath.js'
import { type OscarRiskLevelValue, oscarRiskOrder } from './MappingConfig.js'

/** Risk levels unique on both sides; the default known; the order keeps every risk. */
export const riskLevels: Check = (c, errors) => {
  const levels = c.riskLevels.levels
  duplicates(levels.map((l) => l.primero)).forEach((i) =>
    errors.push(configError(joinPath('riskLevels', 'levels', i, 'primero'), 'duplicate level')),
  )
  duplicates(levels.map((l) => l.oscar)).forEach((i) =>
    errors.push(configError(joinPath('riskLevels', 'levels', i, 'oscar'), 'duplicate level')),
  )
  if (!levels.some((l) => l.primero === c.riskLevels.inboundDefault)) {
    errors.push(configError('riskLevels.inboundDefault', 'not one of riskLevels.levels'))
  }
  riskOrder(c, errors)
}

/** The extra outbound levels and the order: every level placed once, and none lowered. */
const riskOrder: Check = (c, errors) => {
  const { levels, outboundAtLeast = {}, order } = c.riskLevels
  const extra = Object.keys(outboundAtLeast)
  for (const key of extra) {
    const path = joinPath('riskLevels', 'outboundAtLeast', key)
    if (key.trim() === '') errors.push(configError(path, 'must not be empty'))
    if (levels.some((l) => l.primero === key || l.oscar === key)) {
      errors.push(configError(path, 'already in riskLevels.levels'))
    }
  }
  if (order === undefined) {
    if (extra.length > 0) {
      errors.push(
        configError(
          'riskLevels.order',
          'required with riskLevels.outboundAtLeast: place every level',
        ),
      )
    }
    return
  }
  const oscarOf = (level: string): string | undefined =>
    levels.find((l) => l.primero === level)?.oscar ??
    (has(outboundAtLeast, level) ? outboundAtLeast[level] : undefined)
  duplicates(order).forEach((i) =>
    errors.push(configError(joinPath('riskLevels', 'order', i), 'duplicate level')),
  )
  order.forEach((level, i) => {
    if (oscarOf(level) === undefined) {
      errors.push(
        configError(
          joinPath('riskLevels', 'order', i),
          'not a level of riskLevels.levels or riskLevels.outboundAtLeast',
        ),
      )
    }
  })
  const placed = [...levels.map((l) => l.primero), ...extra]
  if (placed.some((level) => !order.includes(level))) {
    errors.push(configError('riskLevels.order', 'must list every Primero level, lowest first'))
  }
  // Monotone: a level never maps lower than any level below it.
  let highest = -1
  order.forEach((level, i) => {
    const oscar = oscarOf(level)
    const rank = oscar === undefined ? -1 : oscarRiskOrder.indexOf(oscar as OscarRiskLevelValue)
    if (oscar !== undefined && rank < highest) {
      errors.push(
        configError(
          joinPath('riskLevels', 'order', i),
          'maps to a lower OSCaR level than a level below it: a risk would be lowered',
        ),
      )
    }
    highest = Math.max(highest, rank)
  })
}
