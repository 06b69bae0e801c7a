import "server-only";
import { isAxiosError } from "axios";

/** The status and Nango error code of a failed SDK call (the SDK throws AxiosErrors). */
export function nangoFailure(
  error: unknown,
): { status: number; code: string | undefined; headers: Record<string, unknown> } | null {
  if (!isAxiosError(error)) return null;
  const data = error.response?.data as { error?: { code?: string } | string } | undefined;
  const code =
    typeof data?.error === "object" ? data.error.code : typeof data?.error === "string" ? data.error : undefined;
  return {
    status: error.response?.status ?? 0,
    code,
    headers: (error.response?.headers ?? {}) as Record<string, unknown>,
  };
}

/** Nango says the connection does not exist (deleted, or never created). */
export function isUnknownConnection(error: unknown): boolean {
  const failure = nangoFailure(error);
  return !!failure && (failure.code === "unknown_connection" || failure.status === 404);
}
