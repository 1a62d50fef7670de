// next-auth, with the kit's callbacks (role claims) in its options.
export { handler as GET, handler as POST } from "@/lib/auth"
