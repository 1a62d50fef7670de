import { createContext, useContext, type Context } from "react"

/**
 * A context whose hook throws a helpful error outside its provider instead of handing out a
 * fake default value.
 */
export function createKitContext<T>(providerName: string): [Context<T | null>, (consumer: string) => T] {
  const context = createContext<T | null>(null)
  context.displayName = providerName
  const use = (consumer: string): T => {
    const value = useContext(context)
    if (value === null) {
      throw new Error(
        `[next-auth-kit] \`${consumer}\` must be used within \`${providerName}\`. Wrap your app (pages/_app.tsx or app/layout.tsx) in <${providerName}>.`,
      )
    }
    return value
  }
  return [context, use]
}
