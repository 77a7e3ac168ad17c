// Mapping throughput: each mapper over the scenario's records, in one process, no I/O.
import {
  cambodia,
  idBackfill,
  inboundCase,
  outboundDecisions,
  outboundLink,
  outboundReferrals,
  pendingDefaults,
} from '@primero-interop/mappings'

const rate = (label, items, fn) => {
  const rounds = Math.max(1, Math.ceil(20_000 / Math.max(1, items.length)))
  const started = performance.now()
  for (let r = 0; r < rounds; r++) for (const item of items) fn(item)
  const ms = performance.now() - started
  return {
    mapper: label,
    records: items.length * rounds,
    perSecond: Math.round((items.length * rounds) / (ms / 1000)),
  }
}

export const mapperThroughput = (cases, referralsOf, clients) => {
  const now = new Date()
  return [
    rate('outboundReferrals (case → OSCaR referrals)', cases, (c) =>
      outboundReferrals({ case: c, referrals: referralsOf(c.id) }, cambodia, { since: undefined }),
    ),
    rate('outboundDecisions (case → OSCaR statuses)', cases, (c) => outboundDecisions(c, cambodia)),
    rate('outboundLink (case → OSCaR link)', cases, (c) => outboundLink(c, cambodia)),
    rate('pendingDefaults (case → pending rows)', cases, (c) => pendingDefaults(c, cambodia)),
    rate('idBackfill (client → Primero ids)', clients, (c) => idBackfill(c, cambodia)),
    rate('inboundCase (client → Primero case)', clients, (c) => inboundCase(c, cambodia, { now })),
  ]
}
