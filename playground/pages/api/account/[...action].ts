import { accounts } from "../../../lib/auth"

// signup, verify-email, resend-verification, forgot-password, reset-password, change-password,
// and mfa/setup, mfa/enable, mfa/disable: a catch-all route, for the actions with a slash.
export default accounts.apiHandler

// The kit reads the body itself, so that even malformed JSON gets its JSON answer.
export const config = { api: { bodyParser: false } }
