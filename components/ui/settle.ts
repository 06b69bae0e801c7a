import { AppError } from "@/lib/errors";

/** What a page may show of a failed Graph read. */
export interface ErrorView {
  code: string;
  message: string;
  retryAfter?: number;
}

/** AppErrors become an inline state; anything else goes to the route's error.tsx. */
export function toErrorView(error: unknown): ErrorView {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
  throw error;
}

export type Settled<T> = { data: T; error: null } | { data: null; error: ErrorView };

/** Awaits a Graph read; an AppError becomes an ErrorView to render, anything else rethrows. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { data: await promise, error: null };
  } catch (error) {
    return { data: null, error: toErrorView(error) };
  }
}
