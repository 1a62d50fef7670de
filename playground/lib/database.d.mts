import type { Client } from "@libsql/client"
import type { AccountEmail, PasswordHasher, SqlAccountStore } from "next-auth-kit/server"

export declare const DEFAULT_DATABASE_FILE: string
export { DEMO_USERS } from "./demo-users.mjs"
export declare const argon2Hasher: PasswordHasher
export declare function databaseUrl(): string
export declare function openDatabase(url?: string): Client
export declare function accountStore(db: Client): SqlAccountStore
export declare function migrate(db: Client): Promise<void>
export declare function seed(db: Client): Promise<string[]>
export declare function saveToOutbox(db: Client, email: Pick<AccountEmail, "to" | "subject" | "text" | "url" | "kind">): Promise<void>
export declare function readOutbox(
  db: Client,
  limit?: number,
): Promise<Array<{ to: string; subject: string; text: string; url: string; kind: string; sentAt: string }>>
