import { kit } from "../../../lib/auth"

// next-auth, with the kit's Credentials provider (password, two-factor code) in its options.
export default kit.handler
