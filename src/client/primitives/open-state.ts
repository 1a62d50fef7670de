import { useState } from "react"

/**
 * An open/closed state that the app may control (Radix's `open` / `defaultOpen` /
 * `onOpenChange`): `open` when given, else the component's own, starting at `defaultOpen`. The
 * setter tells `onOpenChange` either way.
 *
 * @example
 * ```ts
 * const [open, setOpen] = useOpenState(props.open, props.defaultOpen, props.onOpenChange)
 * ```
 */
export function useOpenState(open: boolean | undefined, defaultOpen = false, onOpenChange?: (open: boolean) => void) {
  const [own, setOwn] = useState(defaultOpen)
  return [
    open ?? own,
    (next: boolean) => {
      if (open === undefined) setOwn(next)
      onOpenChange?.(next)
    },
  ] as const
}
