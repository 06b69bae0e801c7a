import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Each subscription gets its own clientState secret: Graph echoes it in every
 * notification, so a request without it did not come from Graph for that subscription.
 * Only its hash is stored (a database reader cannot forge notifications).
 */
export function newClientState(): { secret: string; hash: string } {
  // Graph allows up to 255 characters; 32 random bytes are 43 in base64url.
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashClientState(secret) };
}

export function hashClientState(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time: compares fixed-length hashes, so neither length nor content leaks. */
export function clientStateMatches(received: unknown, storedHash: string): boolean {
  if (typeof received !== "string" || received.length === 0 || received.length > 255) return false;
  const expected = Buffer.from(storedHash, "hex");
  const actual = Buffer.from(hashClientState(received), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
