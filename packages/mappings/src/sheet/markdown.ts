/** Markdown building blocks whose output Prettier leaves as it is (aligned tables). */

/** Inline code, safe for table cells. */
export const code = (s: string): string => (s === '' ? '(empty)' : `\`${s.replace(/`/g, "'")}\``)

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The display width Prettier gives a cell: wide (East Asian) characters count two. */
const width = (s: string): number =>
  [...s].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1),
    0,
  )

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)))

/** A table with every column padded to its widest cell, as Prettier prints it. */
export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string => {
  const cells = [headers, ...rows].map((r) => headers.map((_, i) => escapeCell(r[i] ?? '')))
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => width(r[i] ?? ''))))
  const line = (r: ReadonlyArray<string>): string =>
    `| ${r.map((c, i) => pad(c, widths[i] ?? 3)).join(' | ')} |`
  const [head, ...body] = cells
  return [
    line(head ?? []),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n')
}

/** Blocks separated by one blank line, ending with a newline. */
export const blocks = (...parts: ReadonlyArray<string>): string =>
  `${parts.filter((p) => p !== '').join('\n\n')}\n`
