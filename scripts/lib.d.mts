// Declarations of lib.mjs, for the TypeScript files that import it (vitest.config.ts).
export declare const root: string
export declare function sh(command: string, args: string[], options?: import("node:child_process").SpawnSyncOptions): number
export declare function ensureInstalled(dir?: string): void
export declare function isInstalled(dir?: string): boolean
export declare const compatFolders: string[]
export declare function ensureCompatInstalled(): void
export declare function chromiumPath(): string
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] }
