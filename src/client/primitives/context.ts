import { createContext, useContext } from "react"

/**
 * A context whose hook throws a helpful error outside its root instead of handing out a fake
 * default value (Radix `createContext`, TanStack `useQueryClient`): a part that renders outside
 * its root is a bug in the app, and a default would hide it.
 *
 * @param root the component that provides it, as the error names it in development: `"LoginFormRoot"`
 * @default "AuthProvider"
 * @returns the provider, and the hook that reads it, given the name of the component that asks
 * @example
 * ```ts
 * const [SettingsProvider, useSettings] = createKitContext<KitSettings>()
 * const { config } = useSettings("AuthGate")
 * // outside: [next-auth-kit] `AuthGate` must be used within `AuthProvider`.
 * ```
 */
export function createKitContext<T>(root?: string) {
  const Context = createContext<T | null>(null)
  const use = (consumer: string): T => {
    const value = useContext(Context)
    if (value === null) {
      // The sentence in development; production bundles keep only the consumer's name.
      throw new Error(
        process.env.NODE_ENV !== "production"
          ? `[next-auth-kit] \`${consumer}\` must be used within \`${root ?? "AuthProvider"}\`.`
          : `[next-auth-kit] ${consumer} outside its provider`,
      )
    }
    return value
  }
  return [Context.Provider, use] as const
}
