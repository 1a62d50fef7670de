import type { Client } from "@libsql/client"

export declare const DEFAULT_DATABASE_FILE: string
export declare const DEMO_USERS: Array<{ email: string; password: string; name: string; roles: string[] }>
export declare function databaseUrl(): string
export declare function openDatabase(url?: string): Client
export declare function migrate(db: Client): Promise<void>
export declare function seed(db: Client): Promise<string[]>
export declare function findUserByEmail(
  db: Client,
  email: string,
): Promise<{ id: string; email: string; name: string; passwordHash: string; roles: string[] } | null>
