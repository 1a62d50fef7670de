import type { Decorator, Preview } from "@storybook/react-vite"
import { mswLoader } from "msw-storybook-addon/csf3"
import { AuthProvider, type Session } from "next-auth-kit"
import { de } from "next-auth-kit/locales/de"
import { scenarios } from "next-auth-kit/msw"
import "next-auth-kit/styles.css"
import { useEffect, useState } from "react"
import { SESSION_REQUESTS_EVENT, sessionRequestCounter, sessionRequests } from "./session-requests"

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
  }
}

// One object, as an app states it once.
const storyConfig = { loginPath: "/login" }

const withKit: Decorator = (Story, { parameters, globals }) => {
  const theme = globals.theme === "dark" ? "dark" : "light"
  const story = <Story />
  return (
    <div data-theme={theme} style={{ padding: "1.5rem", minHeight: "8rem", background: "var(--nak-color-background)", color: "var(--nak-color-foreground)", colorScheme: theme }}>
      {parameters.withoutProvider ? (
        story
      ) : (
        <AuthProvider
          session={parameters.seededSession}
          config={storyConfig}
          messages={globals.locale === "de" ? de : undefined}
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
  async beforeEach({ msw, parameters, globals }) {
    const name = (parameters.auth ?? globals.auth ?? "signedOut") as ScenarioName
    // Fresh handlers per story: signing in inside one story never leaks into the next.
    msw.use(...scenarios[name]())
    ;(window as { __lastNavigation?: string }).__lastNavigation = undefined
    return sessionRequestCounter(msw)
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
      description: "Strings",
      toolbar: {
        title: "Locale",
        icon: "globe",
        items: [
          { value: "en", title: "English" },
          { value: "de", title: "Deutsch" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { auth: "signedOut", theme: "light", locale: "en" },
  parameters: {
    a11y: { test: "error" },
    layout: "padded",
    docs: { toc: true },
  },
  tags: ["autodocs"],
}

export default preview
