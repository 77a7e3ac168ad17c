import type { FlowName, SyncReport } from '../report.js'

/** The end-of-run summary: one row per flow, then the issues (ids and codes only). */
export const renderSummary = (report: SyncReport): string => {
  const columns = ['read', 'created', 'updated', 'unchanged', 'skipped', 'failed'] as const
  const flows = Object.keys(report.flows) as FlowName[]
  const width = Math.max(...flows.map((f) => f.length), 4)
  const header = ['flow'.padEnd(width), ...columns.map((c) => c.padStart(9))].join(' ')
  const rows = flows.map((flow) =>
    [flow.padEnd(width), ...columns.map((c) => String(report.flows[flow][c]).padStart(9))].join(
      ' ',
    ),
  )
  const lines = [
    report.dryRun
      ? 'Dry run: nothing was written.'
      : `Run of ${report.startedAt} (${report.durationMs} ms)`,
    header,
    ...rows,
    `requests: primero ${report.requests.primero}, oscar ${report.requests.oscar}`,
    ...(['primero', 'oscarIds', 'oscarToPrimero'] as const).map(
      (k) => `cursor ${k}: ${report.cursors.before[k] ?? '-'} -> ${report.cursors.after[k] ?? '-'}`,
    ),
  ]
  if (report.issues.length > 0) {
    lines.push(`issues (${report.issues.length}):`)
    for (const i of report.issues) {
      const id = i.idKind === undefined ? i.recordId : `${i.idKind} ${i.recordId}`
      lines.push(`  ${i.flow}  ${id}  ${i.code}  ${i.message}`)
    }
  }
  if (report.parked.length > 0) {
    lines.push(`parked (${report.parked.length}, no longer retried):`)
    for (const p of report.parked) lines.push(`  ${p.flow}  ${p.id}  ${p.code}`)
  }
  if (report.planned.length > 0) {
    lines.push(`planned writes (${report.planned.length}):`)
    for (const p of report.planned) {
      lines.push(
        `  ${p.flow}  ${p.target}  ${p.action}  ${p.recordIds.join(' ')}  [${p.fields.join(', ')}]`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Parses `90s`, `15m`, `1h`, `1d` into milliseconds; `undefined` if malformed. */
export const parseInterval = (text: string): number | undefined => {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim())
  if (!m) return undefined
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd']
  const ms = Number(m[1]) * unit
  return ms > 0 ? ms : undefined
}
