// The network of the benchmark: every request counted at the wire, per system and kind,
// after an injected latency (each request waits `latencyMs` before it is sent).
const systemOf = (path) =>
  path.startsWith('/api/v2/') ? 'primero' : path.startsWith('/api/v1/') ? 'oscar' : undefined

const zero = () => ({ reads: 0, writes: 0, signIns: 0 })

export const wire = () => {
  let latencyMs = 0
  const counts = { primero: zero(), oscar: zero() }
  const fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request?.url ?? String(input))
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const system = systemOf(url.pathname)
    if (system !== undefined) {
      const c = counts[system]
      if (/\/(tokens|admin_auth\/sign_in)\b/.test(url.pathname)) c.signIns += 1
      else if (method === 'GET') c.reads += 1
      else c.writes += 1
    }
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    return globalThis.fetch(input, init)
  }
  return {
    fetch,
    setLatency: (ms) => (latencyMs = ms),
    take: () => {
      const taken = { primero: counts.primero, oscar: counts.oscar }
      counts.primero = zero()
      counts.oscar = zero()
      return taken
    },
  }
}

// The floor of issue #14 for a run over (since, until], from the fakes' data (as the CI
// check computes it): one page per 1,000 changed cases, one referrals read per changed
// case with a referral-to-OSCaR row, one lookup (one filtered search) per OSCaR child
// changed since the last run, one read per write Primero answers without the record (a
// create with our id: 204) or that must look first (pending defaults), a constant; OSCaR
// one sign-in and one read (a second when links were written).

/** The cases of the window (`changed`) and those with a referral-to-OSCaR row (`candidates`). */
export const windowOf = (cases, since, until, referralToOscar) => {
  const from = Math.floor(Date.parse(since) / 1000) * 1000
  const to = Date.parse(until)
  const changed = cases.filter((c) => {
    const at = Date.parse(String(c.last_updated_at))
    return c.record_state !== false && at >= from && at <= to
  })
  const candidates = changed.filter((c) =>
    (c.services_section ?? []).some((r) => r.service_response_type === referralToOscar),
  ).length
  return { changed: changed.length, candidates }
}

/** `world`: `windowOf`'s counts, and the OSCaR children changed since the last run and today. */
export const floorOf = (
  { changed, candidates, oscarChanged, oscarOfDay },
  answeredWithoutRecord,
) => {
  const pages = Math.max(1, Math.ceil(changed / 1000))
  return {
    changed,
    primeroReads: pages + candidates + oscarChanged + answeredWithoutRecord + 2,
    oscarReads: 3,
    // The production jobs (INTEGRATION.md, jobs/V2), on the same data: three reads of the
    // window, a referrals read per candidate, both OSCaR flows looking up (search and
    // confirmation) every child of the day, every hour; two OSCaR reads and a sign-in.
    production: {
      primeroReads: 3 * pages + candidates + 2 * 2 * oscarOfDay,
      oscarReads: 3,
    },
  }
}
