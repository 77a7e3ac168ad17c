import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { cambodia, MappingConfig, mappingTemplate, mappingToCsv } from '@primero-interop/mappings'
import { describe, expect, it } from 'vitest'

import { cliLogger, humanLine, logSink } from '../src/cli/logging.js'
import { EXIT, main } from '../src/cli/main.js'
import { capture, expectOneLine, tempDir } from './admin/helpers.js'

describe('primero-interop mapping', () => {
  it('template prints a valid mapping; validate accepts it offline (no password)', async () => {
    const dir = await tempDir()
    const file = join(dir, 'mapping.json')
    expect(await main(['mapping', 'template', '--out', file], capture().io)).toBe(EXIT.ok)
    const c = capture()
    expect(await main(['mapping', 'validate', file], c.io)).toBe(EXIT.ok)
    expect(c.out()).toContain('a valid mapping configuration (my-country)')
  })

  it('validate lists every problem as path: reason and exits 1; --json too', async () => {
    const dir = await tempDir()
    const file = join(dir, 'mapping.json')
    const json = MappingConfig.encode(mappingTemplate) as Record<string, unknown>
    await writeFile(
      file,
      JSON.stringify({ ...json, provinces: [{ code: '1', name: 'x', primeroUser: '' }] }),
    )
    const c = capture()
    expect(await main(['mapping', 'validate', file], c.io)).toBe(EXIT.recordsFailed)
    expect(c.out()).toContain('provinces[0].code: must be two digits')
    expect(c.out()).toContain('provinces[0].primeroUser: must not be empty')
    const j = capture()
    expect(await main(['mapping', 'validate', file, '--json'], j.io)).toBe(EXIT.recordsFailed)
    expect(JSON.parse(j.out())).toMatchObject({ valid: false })
    const missing = capture()
    expect(await main(['mapping', 'validate', join(dir, 'none.json')], missing.io)).toBe(
      EXIT.runFailed,
    )
    expect(expectOneLine(missing.err())).toContain('cannot read')
  })

  it('export writes md, csv, json and json-schema; import reads the CSV back to the same mapping', async () => {
    const dir = await tempDir()
    const md = capture()
    expect(await main(['mapping', 'export', '--format', 'md'], md.io)).toBe(EXIT.ok)
    expect(md.out()).toContain('# Mapping sheet: cambodia')
    const schema = capture()
    expect(await main(['mapping', 'export', '--format', 'json-schema'], schema.io)).toBe(EXIT.ok)
    expect(JSON.parse(schema.out())).toMatchObject({ title: 'Mapping configuration' })
    const csvFile = join(dir, 'mapping.csv')
    expect(
      await main(['mapping', 'export', '--format', 'csv', '--out', csvFile], capture().io),
    ).toBe(EXIT.ok)
    expect(await readFile(csvFile, 'utf8')).toBe(mappingToCsv(cambodia))
    const back = capture()
    expect(await main(['mapping', 'import', csvFile], back.io)).toBe(EXIT.ok)
    expect(JSON.parse(back.out())).toEqual(
      JSON.parse(JSON.stringify(MappingConfig.encode(cambodia))),
    )
    expect(await main(['mapping', 'validate', csvFile], capture().io)).toBe(EXIT.ok)
    const asJson = capture()
    expect(
      await main(['mapping', 'export', '--format', 'json', '--mapping', 'cambodia'], asJson.io),
    ).toBe(EXIT.ok)
    expect(JSON.parse(asJson.out())).toMatchObject({ name: 'cambodia' })
  })

  it('import of a broken CSV exits 1 naming the rows; a bad --format is a usage error', async () => {
    const dir = await tempDir()
    const csvFile = join(dir, 'broken.csv')
    await writeFile(csvFile, `${mappingToCsv(mappingTemplate)}provence,01,x,y\r\n`)
    const c = capture()
    expect(await main(['mapping', 'import', csvFile], c.io)).toBe(EXIT.runFailed)
    expect(expectOneLine(c.err())).toMatch(/csv row \d+: unknown kind/)
    expect(await main(['mapping', 'export', '--format', 'pdf'], capture().io)).toBe(EXIT.usage)
  })
})

describe('primero-interop fakes', () => {
  it('starts both fakes, writes a config, prints the env, and stops when asked', async () => {
    const dir = await tempDir()
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const c = capture()
    let ready = (): void => undefined
    const printedOnce = new Promise<void>((resolve) => (ready = resolve))
    const running = main(['fakes', '--dir', dir, '--json'], {
      ...c.io,
      stdout: (t) => {
        c.io.stdout(t)
        ready()
      },
      stopped,
    })
    // The command prints once the fakes are up; then a check against them succeeds.
    await printedOnce
    const printed = JSON.parse(c.out()) as { config: string; env: Record<string, string> }
    expect(printed.config).toBe(join(dir, 'sync.json'))
    const check = capture(printed.env)
    expect(
      await main(
        ['check', '--config', printed.config, '--lookup', 'serviceSubtype=lookup-service-subtype'],
        check.io,
      ),
    ).toBe(EXIT.ok)
    stop()
    expect(await running).toBe(EXIT.ok)
  })
})

describe('log lines', () => {
  it('are human lines by default on a terminal, fields as key=value, never a password', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5)
    expect(
      humanLine(
        'warn',
        'primero.request.retry',
        { status: 503, path: '/api/v2/cases', password: 'x' },
        at,
      ),
    ).toBe('03:04:05 WARN  primero.request.retry status=503 path=/api/v2/cases')
  })

  it('go above the progress bars while they are drawn, and respect the level', () => {
    const stderr: string[] = []
    const above: string[] = []
    const sink = logSink((t) => void stderr.push(t))
    const logger = cliLogger('info', 'human', sink, () => new Date(2026, 0, 1))
    logger.debug('hidden')
    logger.info('first')
    sink.redirect((line) => void above.push(line))
    logger.warn('during bars', { id: 'c-1' })
    sink.redirect(undefined)
    expect(stderr).toEqual(['00:00:00 INFO  first\n'])
    expect(above).toEqual(['00:00:00 WARN  during bars id=c-1\n'])
  })

  it('are JSON lines with --log-format json, passwords redacted', () => {
    const lines: string[] = []
    const logger = cliLogger(
      'info',
      'json',
      logSink((t) => void lines.push(t)),
    )
    logger.info('oscar.login', { password: 'secret', status: 200 })
    const event = JSON.parse(lines.join('')) as Record<string, unknown>
    expect(event).toMatchObject({ msg: 'oscar.login', status: 200 })
    expect(lines.join('')).not.toContain('secret')
  })
})
