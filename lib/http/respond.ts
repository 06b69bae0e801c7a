import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Turns any thrown value into the one JSON error shape; unknown errors never leak details. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return NextResponse.json(
      { error: { code: "invalid_input", message: "The request is not valid.", issues } },
      { status: 400 },
    );
  }
  if (error instanceof AppError) {
    const headers = error.retryAfter ? { "retry-after": String(error.retryAfter) } : undefined;
    return NextResponse.json(error.toJSON(), { status: error.status, headers });
  }
  logger.error("unhandled route error", { error });
  return NextResponse.json(
    { error: { code: "internal_error", message: "Something went wrong. Try again." } },
    { status: 500 },
  );
}
