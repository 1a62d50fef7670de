// The kit's shared class lists: the kit's own utilities of src/styles.css (`nak:kit-*`), each a
// part's whole look. Without a global reset, they set what browsers otherwise default for form
// controls: box model, border, font and colours.

/**
 * A text input. Its padding at the end of the line (the right, or the left right to left) is a
 * plain utility apart from `kit-input`: for room there, use {@link passwordInputClasses}, never
 * a second `pe-*` after these.
 */
export const inputClasses = "nak:kit-input nak:pe-3"

/** A text input with room at the end of the line for the show/hide toggle. */
export const passwordInputClasses = "nak:kit-input nak:pe-20"

type Variant = "primary" | "destructive" | "secondary" | "ghost" | "quiet"

/**
 * A button's classes: the shape, the colours of `variant`, and `layout` (alignment and
 * padding), which `kit-button` leaves out so that no two utilities set one property. The
 * scheme's class is built from its name, so src/styles.css lists the five with `@source inline`.
 */
export function buttonClasses(variant: Variant, layout = "nak:kit-pad"): string {
  return `nak:kit-button nak:kit-${variant} ${layout}`
}
