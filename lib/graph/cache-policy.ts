import { AppError } from "@/lib/errors";

/** Failures after which a stale cached value may answer instead (stale-if-error). */
export function isTransient(error: unknown): boolean {
  return error instanceof AppError && (error.code === "throttled" || error.code === "upstream_unavailable");
}
