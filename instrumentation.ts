/**
 * Runs once when a server instance starts: refuse to serve with an unsafe configuration,
 * and close the database cleanly when the server is told to stop.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertRuntimeConfig } = await import("./lib/env");
  assertRuntimeConfig();
  const { installGracefulShutdown } = await import("./lib/shutdown");
  installGracefulShutdown();
}
