import "server-only";
import { findUserConnectionForRequest } from "@/lib/dal/connections/find-user-connection";
import { AppError } from "@/lib/errors";
import { grantAllows, WRITE_PERMISSIONS, type WriteKind } from "@/lib/scopes";

/** The answer that makes the browser ask for the permission (a reconnect with it), then retry. */
export function writeConsentRequired(kind: WriteKind): AppError {
  return new AppError(
    "write_consent_required",
    "Microsoft Teams needs your permission to send messages from this app. Approve it, and the message is sent.",
    undefined,
    { scopes: [WRITE_PERMISSIONS[kind].request] },
  );
}

/** Refuses a write the user's recorded grant does not allow, before anything reaches Graph. */
export async function assertWriteAllowed(userId: string, kind: WriteKind): Promise<void> {
  const connection = await findUserConnectionForRequest(userId);
  if (connection && !grantAllows(kind, connection.grantedScopes)) throw writeConsentRequired(kind);
}

/** Graph's 403 for a missing scope on a write means the same: ask for consent. */
export async function asWriteError<T>(kind: WriteKind, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: unknown })?.code === "forbidden_scope") throw writeConsentRequired(kind);
    throw error;
  }
}
