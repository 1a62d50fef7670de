import { type ComponentPropsWithoutRef, type ReactNode, useId, useState } from "react"
import { cn } from "../lib/cn"
import { buttonClasses, inputClasses, passwordInputClasses } from "../lib/styles"
import type { Part } from "./part"

/** The parts of a {@link Field}, each a `data-slot` of the form it is in (`sign-up-form-hint`). */
export type FieldSlot = "field" | "label" | "input" | "password" | "password-toggle" | "hint" | "field-error"

/** Props of {@link Field}: `className` styles the field, every other input prop goes to the `<input>`. */
export interface FieldProps extends Omit<ComponentPropsWithoutRef<"input">, "part"> {
  /** The form's part helper: the field's `data-slot`s and classes are the form's. */
  part: Part<FieldSlot>
  label: ReactNode
  /** A hint under the input (a password's rules), part of its description. */
  hint?: ReactNode
  /** Why the value was refused: marks the input invalid and describes it. */
  error?: ReactNode
  /**
   * The password field: a show/hide toggle at the end of the input, labelled with these
   * strings (`messages.loginForm`), which switches `type` between the given one and `"text"`.
   */
  toggle?: { showPassword: string; hidePassword: string }
}

/**
 * A labelled input: the label's `for`, the input's id (`useId()` unless given), and its
 * `aria-describedby` (what was given, then the hint, then the error) and `aria-invalid` when
 * there is an error; with `toggle`, the password field with its show/hide button
 * (`aria-controls`, `aria-pressed`).
 *
 * @example
 * ```tsx
 * <Field part={part} name="password" type="password" label="Password" hint="At least 8 characters." toggle={t} />
 * ```
 */
export function Field({ part, label, hint, error, toggle, className, id, type, ...input }: FieldProps) {
  const own = useId()
  const inputId = id ?? own
  const [shown, setShown] = useState(false)
  const field = (
    <input
      id={inputId}
      type={shown ? "text" : type}
      {...part("input", toggle ? passwordInputClasses : inputClasses, input)}
      aria-invalid={error ? true : input["aria-invalid"]}
      aria-describedby={cn(input["aria-describedby"], hint && `${inputId}-hint`, error && `${inputId}-error`)}
    />
  )
  return (
    <div {...part("field", "nak:grid nak:gap-1.5", { className })}>
      <label htmlFor={inputId} {...part("label", "nak:kit-label")}>
        {label}
      </label>
      {toggle ? (
        <div {...part("password", "nak:relative")}>
          {field}
          <button
            type="button"
            aria-controls={inputId}
            aria-pressed={shown}
            onClick={() => setShown(!shown)}
            {...part("password-toggle", buttonClasses("quiet", "nak:kit-toggle"))}
          >
            {shown ? toggle.hidePassword : toggle.showPassword}
          </button>
        </div>
      ) : (
        field
      )}
      {hint ? (
        <p id={`${inputId}-hint`} {...part("hint", "nak:kit-hint")}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} {...part("field-error", "nak:kit-field-error")}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
