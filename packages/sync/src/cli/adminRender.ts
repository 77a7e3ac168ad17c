import type { CheckFinding, CheckReport } from '../admin/findings.js'
import type { ParkedRecord } from '../admin/parked.js'
import type { ReconcileReport } from '../admin/reconcile.js'

const line = (f: CheckFinding): string =>
  `${f.severity.padEnd(7)} ${f.code.padEnd(24)} ${f.system.padEnd(7)} ${f.path === '' ? '-' : f.path}  ${f.message}`

/** `check`'s findings, one line each: severity, code, mapping path, id. */
export const renderCheck = (report: CheckReport): string => {
  const r = report.read
  const lines = [
    `Read: ${r.lookups} lookups, ${r.users} users, ${r.agencies} agencies in Primero; ${r.organizations} organisations and ${r.oscarServices} service names in OSCaR.`,
  ]
  const serious = report.findings.filter((f) => f.severity !== 'info')
  if (serious.length === 0) lines.push('The mapping matches both systems.')
  for (const f of serious) lines.push(line(f))
  // Infos are for reading: a few in full, many as one line per code (--json lists all).
  const infos = report.findings.filter((f) => f.severity === 'info')
  for (const code of [...new Set(infos.map((f) => f.code))]) {
    const some = infos.filter((f) => f.code === code)
    if (some.length <= 3) for (const f of some) lines.push(line(f))
    else
      lines.push(
        `info    ${code.padEnd(24)} ${some.length} entries (e.g. ${some[0]?.id ?? ''}); --json lists them all`,
      )
  }
  return `${lines.join('\n')}\n`
}

const LABELS = [
  'recordId',
  'caseId',
  'referralId',
  'serviceRowId',
  'globalId',
  'organization',
] as const

/** `reconcile`'s items, one line each, every id labelled by its kind. */
export const renderReconcile = (report: ReconcileReport): string => {
  const lines = [
    `Read: ${report.read.primeroCases} Primero cases, ${report.read.oscarClients} OSCaR clients.`,
  ]
  if (report.items.length === 0) lines.push('The systems and the state agree.')
  for (const item of report.items) {
    const ids = LABELS.flatMap((k) => (item[k] === undefined ? [] : [`${k}=${item[k]}`]))
    lines.push(
      [
        item.code.padEnd(22),
        ...ids,
        ...(item.detail === undefined ? [] : [`(${item.detail})`]),
      ].join(' '),
    )
  }
  return `${lines.join('\n')}\n`
}

/** Parked records, one line each. */
export const renderParked = (parked: ReadonlyArray<ParkedRecord>, verb = 'parked'): string =>
  parked.length === 0
    ? `No record ${verb}.\n`
    : `${[`${parked.length} record(s) ${verb}:`, ...parked.map((p) => `  ${p.flow}  ${p.id}  ${p.code}  attempts=${p.attempts}`)].join('\n')}\n`
