import { createContext, useContext } from "react"

/**
 * Who asks for a context, for the error outside its root: a component or hook itself (the
 * kit's parts pass their own function, whose name development builds keep, so production
 * bundles carry no extra strings), or a name.
 */
export type Consumer = string | { name: string }

/**
 * A context whose hook throws a helpful error outside its root instead of handing out a fake
 * default value (Radix `createContext`, TanStack `useQueryClient`): a part that renders outside
 * its root is a bug in the app, and a default would hide it.
 *
 * @param root the component that provides it, as the error names it in development: `"LoginFormRoot"`
 * @default "AuthProvider"
 * @returns the provider, and the hook that reads it, given the component that asks (or its name)
 * @example
 * ```ts
 * const [SettingsProvider, useSettings] = createKitContext<KitSettings>()
 * const { config } = useSettings(AuthGate)
 * // outside: [next-auth-kit] `AuthGate` must be used within `AuthProvider`.
 * ```
 */
export function createKitContext<T>(root?: string) {
  const Context = createContext<T | null>(null)
  const use = (consumer: Consumer): T => {
    const value = useContext(Context)
    if (value === null) {
      // The sentence in development; in production only a name the app gave (the kit's own
      // functions are minified there).
      throw new Error(
        process.env.NODE_ENV !== "production"
          ? `[next-auth-kit] \`${typeof consumer === "string" ? consumer : consumer.name}\` must be used within \`${root ?? "AuthProvider"}\`.`
          : `[next-auth-kit] ${typeof consumer === "string" ? consumer : "A part"} is outside its provider`,
      )
    }
    return value
  }
  return [Context.Provider, use] as const
}
