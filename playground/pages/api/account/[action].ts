import { accounts } from "../../../lib/accounts"

// signup, verify-email, resend-verification, forgot-password, reset-password, change-password.
export default accounts.apiHandler

// The kit reads the body itself, so that even malformed JSON gets its JSON answer.
export const config = { api: { bodyParser: false } }
