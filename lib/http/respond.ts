import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** An error as the client sees it: the JSON error shape and its status; unknown errors never leak details. */
export function errorBody(error: unknown): { body: unknown; status: number; retryAfter?: number } {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return { body: { error: { code: "invalid_input", message: "The request is not valid.", issues } }, status: 400 };
  }
  if (error instanceof AppError) return { body: error.toJSON(), status: error.status, retryAfter: error.retryAfter };
  logger.error("unhandled route error", { error });
  return { body: { error: { code: "internal_error", message: "Something went wrong. Try again." } }, status: 500 };
}

/** Turns any thrown value into the one JSON error shape. */
export function errorResponse(error: unknown): NextResponse {
  const { body, status, retryAfter } = errorBody(error);
  const headers = retryAfter ? { "retry-after": String(retryAfter) } : undefined;
  return NextResponse.json(body, { status, headers });
}
