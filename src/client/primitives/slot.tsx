import { cloneElement, type ReactElement, type ReactNode, type Ref, type SyntheticEvent } from "react"
import { cn } from "../lib/cn"

/** Props of a part that can render as its child instead: `asChild`, Radix's convention. */
export interface AsChildProps {
  /**
   * Render the only child (your router's link, your design system's button) instead of the
   * part's own element, with the part's attributes, classes, handlers and ref merged onto it
   * (Radix `asChild`). @default false
   */
  asChild?: boolean
}

/**
 * `theirs`, then `ours` unless `theirs` called `event.preventDefault()`: the app's handler runs
 * first and can cancel the kit's built-in action (Radix `composeEventHandlers`).
 */
export const compose =
  <E extends Pick<SyntheticEvent, "defaultPrevented">>(theirs: ((event: E) => void) | undefined, ours: (event: E) => void) =>
  (event: E) => {
    theirs?.(event)
    if (!event.defaultPrevented) ours(event)
  }

type AnyProps = Record<string, any>

/**
 * Renders its only child with the part's props merged in, for `asChild` (Radix `Slot`): the
 * child's own props win, except that event handlers are chained (the child's first; its
 * `event.preventDefault()` cancels the part's), classes are joined (the child's last) and a ref
 * given to the part is set beside the child's own.
 *
 * @example
 * ```tsx
 * const Button = asChild ? Slot : "button"
 * <Button type="submit" onClick={submit} {...props}>{children}</Button>
 * ```
 */
export function Slot({ children, ...props }: AnyProps & { children?: ReactNode }) {
  const own = (children as ReactElement<AnyProps>).props
  const merged: AnyProps = { ...props, ...own, className: cn(props.className, own.className) }
  for (const key in own) if (/^on[A-Z]/.test(key) && props[key]) merged[key] = compose(own[key], props[key])
  // cloneElement keeps the child's ref. Only React 19 hands a part its ref as a prop (the parts
  // are plain functions), and there the child's ref is a prop too (React 18 would warn on it).
  if (props.ref) merged.ref = (node: unknown) => [props.ref, own.ref].map((ref: Ref<unknown>) => (typeof ref === "function" ? ref(node) : ref && (ref.current = node)))
  return cloneElement(children as ReactElement, merged)
}
