import { kit } from "../../../lib/auth"

// next-auth's handler for the kit's authOptions (it hands the socket's address to sign-in).
export default kit.handler
