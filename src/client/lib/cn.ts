/** Joins class names, skipping empty ones; later ones win in the cascade by coming last. */
export function cn(...classes: Array<string | false | 0 | 0n | null | undefined>): string | undefined {
  const joined = classes.filter(Boolean).join(" ")
  return joined === "" ? undefined : joined
}

/** The kit's own classes, or none with `unstyled`. */
export function kit(unstyled: boolean | undefined, classes: string): string | undefined {
  return unstyled ? undefined : classes
}
