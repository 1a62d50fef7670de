import { auth, db } from "../../../lib/auth"
import { accountStore } from "../../../lib/database.mjs"
import { AccountCards } from "./account-cards"

export const metadata = { title: "Account · App Router · next-auth-kit playground" }

// The account page of the App Router: auth() sends a signed-out visitor to the login page.
export default async function AppAccount() {
  const session = await auth()
  const email = session.user?.email ?? ""
  const user = email ? await accountStore(db).findUserByEmail(email) : null
  const mfa = user ? await accountStore(db).getMfa(user.id) : null
  return (
    <>
      <h1>Your account</h1>
      <p className="hint">Signed in as {email}.</p>
      <AccountCards mfaEnabled={!!mfa?.enabledAt} />
    </>
  )
}
