import { signOut } from "next-auth/react"
import { useRef, useState } from "react"
import { safeCallbackUrl } from "../../core"
import { useSettings } from "../auth-provider/auth-provider"
import type { Consumer } from "../primitives/context"

/**
 * Signs out once, however fast the clicks come: next-auth's `signOut({ redirect: false })`,
 * then the app's `navigate` to the sanitised callback URL. For custom sign-out controls.
 *
 * @param consumer your component (or its name), for the error outside `AuthProvider`
 * @example
 * ```tsx
 * const { pending, signOutNow } = useSignOut("AccountMenu")
 * <button disabled={pending} onClick={() => signOutNow("/goodbye")}>Sign out</button>
 * ```
 */
export function useSignOut(consumer: Consumer) {
  const { navigate } = useSettings(consumer)
  const [pending, setPending] = useState(false)
  const busy = useRef(false)

  async function signOutNow(callbackUrl: unknown, onSignOut?: (url: string) => void): Promise<void> {
    if (busy.current) return
    busy.current = true
    setPending(true)
    try {
      const target = safeCallbackUrl(callbackUrl)
      await signOut({ redirect: false, callbackUrl: target })
      onSignOut?.(target)
      navigate(target)
    } finally {
      busy.current = false
      setPending(false)
    }
  }

  return { pending, signOutNow }
}
