/** A server on 127.0.0.1 for one test, closed after it: the tests' only network. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach } from 'vitest'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
const servers: Array<ReturnType<typeof createServer>> = []

/** Starts a server answering with `handler`; resolves to its base URL. */
export const serve = async (handler: Handler): Promise<string> => {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** Closes the server started last (its address then refuses connections). */
export const closeLast = async (): Promise<void> => {
  const closed = servers.pop()
  closed?.closeAllConnections()
  await new Promise((resolve) => closed?.close(resolve))
}
