/**
 * The app's signed-in sections (the folders of `app/(app)/`): proxy.ts sends signed-out
 * visitors of these to the sign-in page. Every other page (/, /signin, /tenant-consent)
 * is public, and API routes answer for themselves. A unit test keeps this list in step
 * with the folders.
 */
export const SIGNED_IN_SECTIONS = ["/admin", "/chats", "/connections", "/dashboard", "/teams"] as const;

export function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
}
