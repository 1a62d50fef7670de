import type { GetServerSideProps } from "next"
import type { Session } from "next-auth"
import { describe, expectTypeOf, it } from "vitest"
import { createAuthKit } from "../../../src/server"

const { requireSession, withAuth, withRouteAuth, auth, getSession } = createAuthKit({ providers: [] })

describe("server helper types", () => {
  it("give the page its own props plus the session", () => {
    const gssp = requireSession(async (ctx) => {
      expectTypeOf(ctx.session).toEqualTypeOf<Session>()
      return { props: { name: "Ada", count: 1 } }
    })
    expectTypeOf(gssp).toEqualTypeOf<GetServerSideProps<{ name: string; count: number } & { session: Session }>>()
  })

  it("type the query from the inner function's context", () => {
    requireSession<{ id: string }, { id: string }>(async (ctx) => ({ props: { id: ctx.params!.id } }))
  })

  it("give just the session without an inner function", () => {
    expectTypeOf(requireSession()).toExtend<GetServerSideProps<{ session: Session }>>()
    expectTypeOf(requireSession({ roles: ["admin"] })).toExtend<GetServerSideProps<{ session: Session }>>()
  })

  it("refuse props that are not what the page declared", () => {
    // @ts-expect-error the inner function must return its declared props
    requireSession<{ name: string }>(async () => ({ props: { name: 1 } }))
  })

  it("give API and route handlers a non-null session", () => {
    withAuth(async (_req, _res, session) => {
      expectTypeOf(session).toEqualTypeOf<Session>()
    })
    withRouteAuth({ methods: ["GET"] }, async (_request, _context, session) => {
      expectTypeOf(session).toEqualTypeOf<Session>()
      return Response.json({})
    })
  })

  it("make auth() resolve to a session and getSession to a session or null", () => {
    expectTypeOf(auth()).toEqualTypeOf<Promise<Session>>()
    expectTypeOf(getSession).returns.toEqualTypeOf<Promise<Session | null>>()
  })

  it("require route handlers to return a Response", () => {
    // @ts-expect-error a route handler answers with a Response
    withRouteAuth(async () => ({ ok: true }))
  })
})
