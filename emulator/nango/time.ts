/**
 * Nango serialises most timestamps straight from Postgres `row_to_json`, which writes
 * `+00:00` rather than `Z`; credentials' `expires_at` keeps the JS `Z` form.
 */
export function pgTimestamp(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

export function isoTimestamp(ms: number = Date.now()): string {
  return new Date(ms).toISOString();
}
