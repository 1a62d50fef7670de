import { useMemo } from "react"
import { type Messages, type MessagesOverride, resolveMessages } from "./messages"
import { useSettings } from "./auth-provider/auth-provider"

/**
 * The strings a component shows: English, under the provider's `messages`, under the
 * component's own. For custom parts that should speak the app's language.
 *
 * @param consumer the component's name, for the error outside `AuthProvider`
 * @example
 * ```tsx
 * const t = useMessages("CompanyCodeField").loginForm
 * ```
 */
export function useMessages(consumer: string, override?: MessagesOverride): Messages {
  const { messages } = useSettings(consumer)
  return useMemo(() => resolveMessages(messages, override), [messages, override])
}
