import { AppError } from "@/lib/errors";

/** What a page may show of a failed Graph read (rendered by GraphErrorState). */
export interface ShownError {
  code: string;
  message: string;
  retryAfter?: number;
}

/** AppErrors become an inline state; anything else goes to the route's error.tsx. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof AppError)
    return { code: error.code, message: error.message, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
  throw error;
}

export type Settled<T> = { data: T; error: null } | { data: null; error: ShownError };

/** Awaits a Graph read; an AppError becomes a ShownError to render, anything else rethrows. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { data: await promise, error: null };
  } catch (error) {
    return { data: null, error: toShownError(error) };
  }
}
