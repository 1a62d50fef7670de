// The memory store keeps the same contract as the SQL store.
import { memoryAccountStore } from "../../../src/core/accounts/memory-store"
import type { AccountStore } from "../../../src/core/accounts/store"
import { adapterContract } from "../accounts-sql-store/adapter-contract"
import { accountStoreContract } from "../accounts-sql-store/contract"

accountStoreContract("memory", () => memoryAccountStore())

// next-auth's adapter over the memory store; two "instances" share it, each call 1 ms slow so
// that concurrent calls interleave.
adapterContract("memory", async () => {
  const store = memoryAccountStore()
  return [store, slow(store)]
})

function slow(store: AccountStore): AccountStore {
  const wrapped = {} as Record<string, unknown>
  for (const [name, method] of Object.entries(store)) {
    wrapped[name] = async (...args: unknown[]) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return (method as (...a: unknown[]) => unknown).apply(store, args)
    }
  }
  return wrapped as unknown as AccountStore
}
