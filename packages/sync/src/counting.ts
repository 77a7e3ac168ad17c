import { maxValuesPerSearch } from '@primero-interop/primero-client'

import type { OscarPort, PrimeroPort } from './ports.js'

/** Counts API calls per system (a page of a paged read counts as one). */
export interface CallCounter {
  primero: number
  oscar: number
}

type TaskMethod = (...args: never[]) => () => Promise<unknown>

/** Wraps the named TaskEither methods so that running a task bumps the counter. */
const wrapTasks = <P extends object>(
  port: P,
  names: ReadonlyArray<keyof P>,
  bump: () => void,
): P => {
  const wrapped: Record<string, unknown> = {}
  for (const name of names) {
    const method = port[name] as TaskMethod
    wrapped[name as string] =
      (...args: never[]) =>
      () => {
        bump()
        return method.apply(port, args)()
      }
  }
  return { ...port, ...wrapped }
}

export const countingPrimero = (port: PrimeroPort, counter: CallCounter): PrimeroPort => {
  const names = [
    'getCase',
    'findCases',
    'createCase',
    'updateCase',
    'listReferrals',
    'updateReferral',
  ] as const
  const counted = wrapTasks(port, names, () => (counter.primero += 1))
  const { updateCaseIf, findCasesByAny } = port
  if (updateCaseIf !== undefined)
    Object.assign(counted, {
      updateCaseIf:
        (...args: Parameters<typeof updateCaseIf>) =>
        () => {
          counter.primero += 1
          return updateCaseIf(...args)()
        },
    })
  if (findCasesByAny !== undefined)
    Object.assign(counted, {
      // One search per `maxValuesPerSearch` distinct values, as the client sends them.
      findCasesByAny:
        (...args: Parameters<typeof findCasesByAny>) =>
        () => {
          counter.primero += Math.ceil(new Set(args[1]).size / maxValuesPerSearch)
          return findCasesByAny(...args)()
        },
    })
  return {
    ...counted,
    pages: (query) => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of port.pages(query)) {
          counter.primero += 1
          yield page
        }
      },
    }),
  }
}

export const countingOscar = (port: OscarPort, counter: CallCounter): OscarPort => {
  const counted = wrapTasks(
    port,
    ['readClients', 'upsertClient', 'updateLinks', 'updateReferralStatuses'],
    () => (counter.oscar += 1),
  )
  const { readClientsInto } = port
  if (readClientsInto === undefined) return counted
  return {
    ...counted,
    readClientsInto: (window, start) => () => {
      counter.oscar += 1
      return readClientsInto(window, start)()
    },
  }
}
