import { type ComponentPropsWithoutRef, type ReactNode, useEffect, useRef } from "react"
import type { Part } from "./part"

/** Focuses the element once `when` turns truthy, and again each time it changes while truthy. */
export function useFocusWhen<T extends HTMLElement>(when: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (when) ref.current?.focus()
  }, [when])
  return ref
}

/** Props of {@link Alert}. */
export interface AlertProps extends Omit<ComponentPropsWithoutRef<"div">, "part"> {
  part: Part<"error">
  /** What went wrong (a code, an error object); the region is hidden while it is empty and takes focus when it changes. */
  error: unknown
}

/**
 * A form's error region: `role="alert"` and always in the DOM (hidden while there is no error),
 * so that screen readers hear it appear; it takes focus when an error arrives, so a failed
 * submit lands the keyboard on the reason.
 *
 * @example
 * ```tsx
 * <Alert part={part} error={error}>{error ? summary(error) : null}</Alert>
 * ```
 */
export function Alert({ part, error, ...props }: AlertProps) {
  return <div ref={useFocusWhen(error)} role="alert" tabIndex={-1} hidden={!error} {...part("error", "nak:kit-alert", props)} />
}

/**
 * A message that replaces a form (a success, or a dead end such as an invalid link) and takes
 * focus when it appears: `role="status"`, or `role="alert"` with `alert`.
 *
 * @example
 * ```tsx
 * <Notice part={part}>We sent you an email.</Notice>
 * ```
 */
export function Notice({ part, alert, children }: { part: Part<"done" | "error">; alert?: boolean; children: ReactNode }) {
  return (
    <div ref={useFocusWhen(true)} role={alert ? "alert" : "status"} tabIndex={-1} {...part(alert ? "error" : "done", "nak:kit-notice nak:outline-none")}>
      {children}
    </div>
  )
}
