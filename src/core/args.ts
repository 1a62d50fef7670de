/**
 * The one overload parser of the wrappers: `wrap(fn)`, `wrap(options, fn)` and, where the
 * function is optional, `wrap()` / `wrap(options)`.
 *
 * @example
 * ```ts
 * const { options, fn } = splitArgs(policyOrInner, maybeInner)
 * ```
 */
export function splitArgs<O extends object, F extends (...args: never[]) => unknown>(
  optionsOrFn: O | F | undefined,
  maybeFn: F | undefined,
): { options: O | undefined; fn: F | undefined } {
  return typeof optionsOrFn === "function"
    ? { options: undefined, fn: optionsOrFn }
    : { options: optionsOrFn, fn: maybeFn }
}
