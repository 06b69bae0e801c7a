// GET|POST /api/auth/* – next-auth: sign-in (password, Microsoft), callbacks, sign-out, session
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
