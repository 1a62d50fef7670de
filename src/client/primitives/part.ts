import { cn, kit } from "../lib/cn"

/**
 * The attributes of one styled part of a component: `data-slot="<component>-<slot>"` (the root's
 * is the component's name alone), then `props`, then the classes: the kit's (unless `unstyled`),
 * the component's `classNames[slot]`, and `props.className` last, so that it wins.
 */
export type Part<Slot extends string> = <P extends object>(
  slot: Slot,
  kitClasses: string,
  props?: P,
) => P & { "data-slot": string; className: string | undefined }

/**
 * The {@link Part} helper of one component, so that every part of every component carries the
 * same styling contract (shadcn's `data-slot`, `className` merged last).
 *
 * @param name the component's `data-slot`, the prefix of its parts': `"login-form"`
 * @example
 * ```tsx
 * const part = parts("sign-up-form", unstyled, classNames)
 * <div {...part("field", "nak:grid nak:gap-1.5", { className })} />
 * // <div data-slot="sign-up-form-field" class="nak:grid nak:gap-1.5 …">
 * ```
 */
export function parts<Slot extends string>(
  name: string,
  unstyled: boolean | undefined,
  classNames?: Partial<Record<Slot, string>>,
): Part<Slot> {
  return (slot, classes, props = {} as never) => ({
    "data-slot": slot === "root" ? name : `${name}-${slot}`,
    ...props,
    className: cn(kit(unstyled, classes), classNames?.[slot], (props as { className?: string }).className),
  })
}
