// The parent's side of `fakes.mjs`: forks it, and turns each question into a promise.
import { fork } from 'node:child_process'

export const fakesProcess = () => {
  const child = fork(new URL('./fakes.mjs', import.meta.url), [], {
    serialization: 'advanced',
    // The sync's heap limit (`--max-old-space-size`) is not the fakes': they hold the data.
    execArgv: process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map()
  let next = 0
  let exited
  child.on('message', ({ id, result, error }) => {
    const waiting = pending.get(id)
    pending.delete(id)
    if (error !== undefined) waiting?.reject(new Error(`fakes process: ${error}`))
    else waiting?.resolve(result)
  })
  child.on('exit', (code, signal) => {
    exited = new Error(`fakes process exited (${code ?? signal})`)
    for (const { reject } of pending.values()) reject(exited)
    pending.clear()
  })
  const ask = (type, args) =>
    exited
      ? Promise.reject(exited)
      : new Promise((resolve, reject) => {
          const id = next++
          pending.set(id, { resolve, reject })
          child.send({ id, type, args })
        })
  return {
    ask,
    close: async () => {
      if (exited) return
      await ask('close').catch(() => undefined)
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.disconnect()
      await gone
    },
  }
}
