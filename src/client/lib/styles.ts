// The kit's shared class lists: the kit's own utilities of src/styles.css (`nak:kit-*`), each a
// part's whole look. Without a global reset, they set what browsers otherwise default for form
// controls: box model, border, font and colours.

/**
 * A text input. Its right padding is a plain utility apart from `kit-input`: for room on the
 * right, use {@link passwordInputClasses}, never a second `pr-*` after these.
 */
export const inputClasses = "nak:kit-input nak:pr-3"

/** A text input with room on the right for the show/hide toggle. */
export const passwordInputClasses = "nak:kit-input nak:pr-20"

type Variant = "primary" | "destructive" | "secondary" | "ghost" | "quiet"

/**
 * A button's classes: the shape, the colours of `variant`, and `layout` (alignment and
 * padding), which `kit-button` leaves out so that no two utilities set one property. The
 * scheme's class is built from its name, so src/styles.css lists the five with `@source inline`.
 */
export function buttonClasses(variant: Variant, layout = "nak:kit-pad"): string {
  return `nak:kit-button nak:kit-${variant} ${layout}`
}
