// The SQL account store: its drivers, its schema and the store itself.
export { libsqlDriver, pgDriver, toNumberedPlaceholders } from "./drivers"
export type {
  LibsqlClientLike,
  LibsqlConfigLike,
  LibsqlResultLike,
  PgClientLike,
  PgDriverOptions,
  SqlDialect,
  SqlDriver,
  SqlRow,
  SqlStatement,
  SqlValue,
} from "./drivers"
export {
  ACCOUNT_SCHEMA_VERSION,
  accountMigrations,
  accountSchema,
  DEFAULT_TABLE_PREFIX,
  postgresAccountSchema,
  sqliteAccountSchema,
} from "./schema"
export type { SqlMigration } from "./schema"
export { sqlAccountStore } from "./store"
export type { SqlAccountStore, SqlAccountStoreOptions } from "./store"
