/** Runs once when a server instance starts: refuse to serve with an unsafe configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertRuntimeConfig } = await import("./lib/env");
  assertRuntimeConfig();
}
