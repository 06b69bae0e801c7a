/**
 * Graph ids are opaque strings (GUIDs, `19:…@thread.v2`, numeric message ids). They are
 * validated by shape before they go into a path, then URL-encoded, so `../`, `?`, `#`
 * or `%2F` in a route parameter can never change which Graph resource we call.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";

const GRAPH_ID = /^[A-Za-z0-9:@._=-]{1,512}$/;

export function isGraphId(value: unknown): value is string {
  return typeof value === "string" && GRAPH_ID.test(value) && !value.includes("..") && value !== ".";
}

/** The id itself, or a 400 `invalid_input` naming what was wrong. */
export function parseGraphId(value: unknown, what = "id"): string {
  if (!isGraphId(value)) throw new AppError("invalid_input", `The ${what} is not a valid Microsoft Teams id.`);
  return value;
}

export const graphIdSchema = z.string().refine(isGraphId, "Not a valid Microsoft Teams id.");

/**
 * Builds a Graph path from literal segments and ids: `graphPath\`/v1.0/chats/${id}/messages\``.
 * Every interpolated value is validated and encoded.
 */
export function graphPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce(
    (path, literal, i) => path + literal + (i < ids.length ? encodeURIComponent(parseGraphId(ids[i])) : ""),
    "",
  );
}

/**
 * A route segment as the id it carries: decoded once if still percent-encoded (so both
 * `19:a@thread.v2` and `19%3Aa%40thread.v2` work). A second layer (`%252F`) leaves a `%`
 * and fails validation.
 */
export function decodeParam(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
