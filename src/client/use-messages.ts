import { useMemo } from "react"
import { type Messages, type MessagesOverride, resolveMessages } from "./messages"
import { useSettings } from "./auth-provider/auth-provider"
import type { Consumer } from "./primitives/context"

/**
 * The strings a component shows: English, under the provider's `messages`, under the
 * component's own. For custom parts that should speak the app's language.
 *
 * @param consumer your component (or its name), for the error outside `AuthProvider`
 * @example
 * ```tsx
 * const t = useMessages("CompanyCodeField").loginForm
 * ```
 */
export function useMessages(consumer: Consumer, override?: MessagesOverride): Messages {
  const { messages } = useSettings(consumer)
  return useMemo(() => resolveMessages(messages, override), [messages, override])
}
