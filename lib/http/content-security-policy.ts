/**
 * The Content-Security-Policy of every page (set by proxy.ts with a fresh nonce per
 * request), following Next.js's nonce recipe: Next.js reads the nonce back from the
 * request's `Content-Security-Policy` header and puts it on its own scripts, so only
 * scripts the server rendered for this response run. docs/security.md explains each
 * directive.
 */

export const CSP_HEADER = "content-security-policy";
/** The nonce for server components that render a `<script>` or `<Script>` themselves. */
export const NONCE_HEADER = "x-nonce";

export interface PolicyOptions {
  nonce: string;
  /** NANGO_CONNECT_UI_URL: the origin @nangohq/frontend loads in its iframe. */
  connectUiUrl: string;
  /** `next dev`: React rebuilds server error stacks with `eval` (never in production). */
  development: boolean;
  /** APP_URL is https: a stray http:// subresource is upgraded instead of blocked as mixed content. */
  https: boolean;
}

/**
 * The policy of the JSON API (every /api route but next-auth's): nothing may load, run
 * or frame it, were a response ever opened as a document. It needs no nonce, so
 * next.config.ts sets it and proxy.ts does not run for these routes (docs/performance.md).
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** next-auth serves HTML pages (sign-in, sign-out, errors) under /api/auth: they get the page policy. */
export const isJsonApi = (pathname: string) => pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");

/** 128 random bits, base64: the form Next.js's nonce parser accepts. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy({ nonce, connectUiUrl, development, https }: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts Next.js's nonced runtime adds (route chunks, the Nango SDK
    // loaded on click) are trusted; host lists and 'self' are then ignored by browsers
    // that support it, so an injected <script src> on our origin does not run either.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // No nonce here: a nonce would make browsers ignore 'unsafe-inline', and style
    // attributes (React's `style`, the SDK's iframe overlay) cannot carry one. Inline CSS
    // cannot run code, and what it could fetch is limited by img-src/font-src below.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Message images are served from our own origin; data:/blob: for previews.
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    // The page only postMessages with the Connect UI iframe; the iframe itself talks to
    // the Nango API under its own origin's policy, so no Nango host is needed here.
    "connect-src": ["'self'"],
    "frame-src": [new URL(connectUiUrl).origin],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    // Every form posts to our origin (sign-in uses next-auth's fetch and then navigates;
    // Microsoft's pages are reached by links and redirects of GETs, which form-action
    // does not govern).
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const parts = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`);
  if (https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}
