import { kit } from "../../../lib/auth"

// POST /api/account/signup, verify-email, forgot-password, reset-password, mfa/setup, …
export default kit.accounts.apiHandler
// The kit reads the body itself: malformed JSON gets its JSON 400.
export const config = { api: { bodyParser: false } }
