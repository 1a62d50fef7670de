"use client"

import { RoleGate, useAuth } from "next-auth-kit"

/** Who is signed in, and whether they are an admin: client gates, for both routers' client pages. */
export function Profile() {
  const auth = useAuth()
  if (auth.status !== "authenticated") return null
  return (
    <>
      <p>Signed in as {auth.user.name} ({auth.roles.join(", ")}).</p>
      <RoleGate roles={["admin"]} fallback={<p>You are not an admin.</p>}>
        <p>You are an admin.</p>
      </RoleGate>
    </>
  )
}
