// The kit's shared class lists. Without a global reset, every element sets what browsers
// otherwise default for form controls: box model, border, font and colours.

/** A text input. */
export const inputClasses =
  "nak:box-border nak:w-full nak:m-0 nak:rounded-kit nak:border nak:border-solid nak:border-input nak:bg-background nak:px-3 nak:py-2 nak:font-kit nak:text-sm nak:text-foreground nak:outline-none nak:focus-visible:ring-2 nak:focus-visible:ring-ring nak:aria-invalid:border-destructive nak:disabled:opacity-60"

const buttonBase =
  "nak:box-border nak:m-0 nak:inline-flex nak:cursor-pointer nak:items-center nak:gap-2 nak:rounded-kit nak:border nak:border-solid nak:font-kit nak:text-sm nak:font-medium nak:no-underline nak:outline-none nak:focus-visible:ring-2 nak:focus-visible:ring-ring nak:focus-visible:ring-offset-2 nak:disabled:cursor-not-allowed nak:disabled:opacity-60"

const variants = {
  primary: "nak:border-transparent nak:bg-primary nak:text-primary-foreground nak:hover:opacity-90",
  destructive: "nak:border-transparent nak:bg-destructive nak:text-destructive-foreground nak:hover:opacity-90",
  secondary: "nak:border-border nak:bg-background nak:text-foreground nak:hover:bg-muted",
  /** Transparent, foreground text: menu items and the user button. */
  ghost: "nak:border-transparent nak:bg-transparent nak:text-foreground nak:hover:bg-muted nak:focus-visible:bg-muted",
  /** Transparent, muted text: small inline controls. */
  quiet: "nak:border-transparent nak:bg-transparent nak:text-muted-foreground nak:hover:text-foreground",
}

/**
 * A button's classes. `layout` (alignment and padding) is replaced whole rather than
 * overridden, since two utilities for one property would be decided by stylesheet order.
 */
export function buttonClasses(
  variant: keyof typeof variants,
  layout = "nak:justify-center nak:px-4 nak:py-2",
): string {
  return `${buttonBase} ${variants[variant]} ${layout}`
}
