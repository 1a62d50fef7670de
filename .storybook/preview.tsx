import type { Decorator, Preview } from "@storybook/react-vite"
import { toHaveAccessibleDescription, toHaveTextContent } from "@testing-library/jest-dom/matchers"
import { mswLoader } from "msw-storybook-addon/csf3"
import { type AuthKitConfig, AuthProvider, type Session } from "next-auth-kit"
import { scenarios } from "next-auth-kit/msw"
import "next-auth-kit/styles.css"
import { useEffect, useLayoutEffect, useState } from "react"
import { expect } from "storybook/test"
import { dirOf, type LocaleTag, localeOf, locales, messagesOf } from "./locales"
import { SESSION_REQUESTS_EVENT, sessionRequestCounter, sessionRequests } from "./session-requests"
import { expected, translateInto, translating } from "./translate"

// In a run in another language, the play functions' English expectations are translated (see
// ./translate.ts); otherwise these are jest-dom's matchers as they are.
expect.extend({
  toHaveTextContent(this: unknown, element: HTMLElement, text: string | RegExp, options?: { normalizeWhitespace: boolean }) {
    return toHaveTextContent.call(this as never, element, expected(text, true), options)
  },
  toHaveAccessibleDescription(this: unknown, element: Element, description?: string | RegExp) {
    return toHaveAccessibleDescription.call(this as never, element, expected(description, false))
  },
})

/** Shows how many /api/auth/session requests the story has made so far. */
function SessionRequestCount() {
  const [count, setCount] = useState(sessionRequests)
  useEffect(() => {
    const update = () => setCount(sessionRequests())
    window.addEventListener(SESSION_REQUESTS_EVENT, update)
    return () => window.removeEventListener(SESSION_REQUESTS_EVENT, update)
  }, [])
  return (
    <p data-testid="session-request-count" style={{ margin: "1.5rem 0 0", fontSize: "0.75rem", fontFamily: "ui-monospace, monospace", color: "var(--nak-color-muted-foreground)" }}>
      GET /api/auth/session: {count}
    </p>
  )
}

/** The auth scenarios a story (parameters.auth) or the toolbar (globals.auth) can pick. */
export type ScenarioName = keyof typeof scenarios

declare module "storybook/internal/csf" {
  interface Parameters {
    /** The auth scenario of this story; the toolbar's when left out. */
    auth?: ScenarioName
    /** A session handed to AuthProvider, as requireSession does: no /session request. */
    seededSession?: Session | null
    /** Leave the story without the AuthProvider decorator. */
    withoutProvider?: boolean
    /** Show the /api/auth/session request count under the story. @default true */
    sessionCounter?: boolean
    /** The kit's config for AuthProvider (e.g. passkeys on). @default { loginPath: "/login" } */
    config?: AuthKitConfig
  }
}

/**
 * The story's language and direction on its wrapper, and on the root element too: the dialog
 * and the menu are portalled to `<body>`, outside the wrapper.
 */
function Direction({ lang, dir }: { lang: string; dir: "ltr" | "rtl" }) {
  useLayoutEffect(() => {
    document.documentElement.lang = lang
    document.documentElement.dir = dir
  }, [lang, dir])
  return null
}

// One object, as an app states it once.
const storyConfig = { loginPath: "/login" }

const withKit: Decorator = (Story, { parameters, globals }) => {
  const theme = globals.theme === "dark" ? "dark" : "light"
  const lang = locales[localeOf(globals)].locale
  const dir = dirOf(globals)
  const story = <Story />
  return (
    <div
      data-theme={theme}
      lang={lang}
      dir={dir}
      style={{ padding: "1.5rem", minHeight: "8rem", background: "var(--nak-color-background)", color: "var(--nak-color-foreground)", colorScheme: theme }}
    >
      <Direction lang={lang} dir={dir} />
      {parameters.withoutProvider ? (
        story
      ) : (
        <AuthProvider
          session={parameters.seededSession}
          config={parameters.config ?? storyConfig}
          messages={messagesOf(globals)}
          // Stories stay put: navigation is recorded instead of followed.
          navigate={(url) => {
            ;(window as { __lastNavigation?: string }).__lastNavigation = url
          }}
        >
          {story}
        </AuthProvider>
      )}
      {parameters.sessionCounter === false ? null : <SessionRequestCount />}
    </div>
  )
}

const preview: Preview = {
  loaders: [mswLoader()],
  decorators: [withKit],
  async beforeEach(context) {
    const { msw, parameters, globals } = context
    const name = (parameters.auth ?? globals.auth ?? "signedOut") as ScenarioName
    // Fresh handlers per story: signing in inside one story never leaks into the next.
    msw.use(...scenarios[name]())
    ;(window as { __lastNavigation?: string }).__lastNavigation = undefined
    // A run in another language (`testLocale`): the play function's words are translated.
    translateInto(globals.testLocale ? locales[localeOf(globals)] : null)
    context.canvas = translating(context.canvas)
    const stopCounting = sessionRequestCounter(msw)
    return () => {
      stopCounting()
      translateInto(null)
    }
  },
  globalTypes: {
    auth: {
      description: "Auth scenario (next-auth-kit/msw)",
      toolbar: {
        title: "Auth",
        icon: "user",
        items: [
          { value: "signedOut", title: "Signed out" },
          { value: "signedIn", title: "Signed in (user)" },
          { value: "admin", title: "Admin" },
          { value: "loading", title: "Loading" },
          { value: "sessionError", title: "Session error" },
          { value: "slowNetwork", title: "Slow network" },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: "Colour scheme",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
    locale: {
      description: "Strings: every shipped language",
      toolbar: {
        title: "Locale",
        icon: "globe",
        items: (Object.keys(locales) as LocaleTag[]).map((tag) => ({
          value: tag,
          title: new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag,
          right: tag,
        })),
        dynamicTitle: true,
      },
    },
    direction: {
      description: "Writing direction: the language's own, or forced",
      toolbar: {
        title: "Direction",
        icon: "direction",
        items: [
          { value: "auto", title: "The language's" },
          { value: "ltr", title: "Left to right" },
          { value: "rtl", title: "Right to left" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { auth: "signedOut", theme: "light", locale: "en", direction: "auto" },
  parameters: {
    a11y: { test: "error" },
    layout: "padded",
    docs: { toc: true },
  },
  tags: ["autodocs"],
}

export default preview
