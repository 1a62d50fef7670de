import { verify } from "@node-rs/argon2"
import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import EmailProvider from "next-auth/providers/email"
import GitHubProvider from "next-auth/providers/github"
import GoogleProvider from "next-auth/providers/google"
import { createAuthKit, withRoleClaims } from "next-auth-kit/server"
import { findUserByEmail, openDatabase } from "./database.mjs"

const db = openDatabase()
// Longer inputs are refused before they reach the database or the hasher.
const MAX_INPUT = 512

const oauth = [
  process.env.GITHUB_ID && process.env.GITHUB_SECRET
    ? GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET })
    : null,
  process.env.GOOGLE_ID && process.env.GOOGLE_SECRET
    ? GoogleProvider({ clientId: process.env.GOOGLE_ID, clientSecret: process.env.GOOGLE_SECRET })
    : null,
  process.env.EMAIL_SERVER && process.env.EMAIL_FROM
    ? EmailProvider({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })
    : null,
].filter((provider) => provider !== null)

export const authOptions: NextAuthOptions = withRoleClaims({
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const email = credentials?.email?.trim() ?? ""
        const password = credentials?.password ?? ""
        if (!email || !password || email.length > MAX_INPUT || password.length > MAX_INPUT) return null
        let user: Awaited<ReturnType<typeof findUserByEmail>>
        try {
          user = await findUserByEmail(db, email)
        } catch (error) {
          console.error("[playground] The user database could not be read.", error)
          // next-auth turns a thrown error into ?error=<message>; the form shows a generic text.
          throw new Error("Configuration")
        }
        if (!user || !(await verify(user.passwordHash, password).catch(() => false))) return null
        return { id: user.id, email: user.email, name: user.name, roles: user.roles }
      },
    }),
    ...oauth,
  ],
})

export const { requireSession, withAuth, getSession, auth, withRouteAuth } = createAuthKit(authOptions)
