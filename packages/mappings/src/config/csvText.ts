/** RFC 4180 CSV: the cells of a sheet to text and back, quoting only where needed. */

const needsQuotes = (cell: string): boolean => /[",\r\n]/.test(cell) || cell.trim() !== cell

const quote = (cell: string): string => (needsQuotes(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** Rows of cells as CSV text, CRLF line ends (as spreadsheets write them). */
export const formatCsv = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'

/**
 * CSV text as rows of cells: quoted cells may hold commas, quotes (doubled) and line
 * breaks; LF or CRLF line ends; a BOM is ignored. `undefined` when a quote is never closed.
 */
export const parseCsv = (text: string): ReadonlyArray<ReadonlyArray<string>> | undefined => {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let i = text.startsWith('\uFEFF') ? 1 : 0
  const endRow = (): void => {
    row.push(cell)
    rows.push(row)
    row = []
    cell = ''
  }
  for (; i < text.length; i++) {
    const ch = text.charAt(i)
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        cell += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || (ch === '\r' && text.charAt(i + 1) === '\n')) {
      if (ch === '\r') i++
      endRow()
    } else {
      cell += ch
    }
  }
  if (quoted) return undefined
  if (cell !== '' || row.length > 0) endRow()
  return rows
}
