// The failure limits under a burst on the memory store, with 2 ms of latency on every call (so
// that concurrent requests interleave as they do over a network), shared by two app instances.
import { memoryAccountStore } from "../../../src/server"
import type { AccountStore } from "../../../src/server"
import { engineConcurrencyContract } from "./concurrency"

function slowStore(store: AccountStore): AccountStore {
  const slow = {} as Record<string, unknown>
  for (const [name, method] of Object.entries(store)) {
    slow[name] = async (...args: unknown[]) => {
      await new Promise((resolve) => setTimeout(resolve, 2))
      return (method as (...a: unknown[]) => unknown).apply(store, args)
    }
  }
  return slow as unknown as AccountStore
}

engineConcurrencyContract("the memory store, 2 ms per call, two instances", async () => {
  const store = memoryAccountStore()
  return [slowStore(store), slowStore(store)]
})
