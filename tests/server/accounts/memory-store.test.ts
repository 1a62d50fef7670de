// The memory store keeps the same contract as the SQL store.
import { memoryAccountStore } from "../../../src/core/accounts/memory-store"
import { accountStoreContract } from "../accounts-sql-store/contract"

accountStoreContract("memory", () => memoryAccountStore())
