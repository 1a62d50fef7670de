import { kit } from "../../../lib/auth"

// next-auth, with the kit's callbacks (role claims) in its options.
export default kit.handler
