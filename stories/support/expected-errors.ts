import { expect, type MockInstance, spyOn } from "storybook/test"

/**
 * For a story whose scenario makes next-auth's client log an error on purpose (a `/session` that
 * answers 500): `beforeEach` catches `console.error` for the story, and `expectLogged` in its
 * `play` asserts that what was logged is that error, and nothing else. Other stories still print.
 */
export function expectedClientErrors(code: string) {
  let spy: MockInstance<typeof console.error> | undefined
  return {
    beforeEach() {
      spy = spyOn(console, "error").mockImplementation(() => {})
      return () => spy?.mockRestore()
    },
    async expectLogged() {
      await expect(spy).toHaveBeenCalled()
      for (const [first] of spy!.mock.calls) await expect(String(first)).toContain(`[next-auth][error][${code}]`)
    },
  }
}
