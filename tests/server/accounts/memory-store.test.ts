// The memory store keeps the same contract as the SQL store.
import { memoryAccountStore } from "../../../src/server/accounts/memory-store"
import { accountStoreContract } from "../accounts-sql-store/contract"

accountStoreContract("memory", () => memoryAccountStore())
