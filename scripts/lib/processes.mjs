/**
 * Small process supervisor for the dev/test/bench launchers: starts children with
 * prefixed output, waits for their URLs, and stops all of them together (a crash of
 * one stops the rest, so nothing is left holding a port or the embedded database).
 */
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";

const children = new Set();

export function run(name, command, args, { env = {}, quiet = false } = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Same process group as the launcher: whoever kills the launcher's group (Playwright
    // does, with SIGKILL) takes the children with it, so no server outlives a test run.
  });
  children.add(child);
  const prefix = (stream, out) =>
    stream.on("data", (chunk) => {
      if (quiet) return;
      for (const line of chunk.toString().split("\n")) if (line) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  return child;
}

/** Runs a command to completion with inherited output; rejects on failure. */
export function runToEnd(command, args, { env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

export async function waitForUrl(url, { timeoutMs = 120_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export function stopAll(signal = "SIGTERM") {
  for (const child of children) killTree(child.pid, signal);
}

/**
 * Signals a process and all its descendants. `next dev` runs its server in a child
 * process that a signal to the CLI alone leaves running, holding the port (and the
 * embedded database's lock).
 */
function killTree(pid, signal) {
  let table = "";
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  } catch {
    // No ps: signal the direct child only.
  }
  const byParent = new Map();
  for (const line of table.split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || !parent) continue;
    byParent.set(parent, [...(byParent.get(parent) ?? []), child]);
  }
  const order = [];
  const visit = (id) => {
    order.push(id);
    for (const child of byParent.get(id) ?? []) visit(child);
  };
  visit(pid);
  for (const id of order.reverse()) {
    try {
      process.kill(id, signal);
    } catch {
      // already gone
    }
  }
}

/** A locally installed CLI, run directly (not through npx, which would add a process in between). */
export function bin(name) {
  return `node_modules/.bin/${name}`;
}

/**
 * Node running a TypeScript file in this very process (tsx as a loader). The `tsx` CLI
 * would start a second process, which outlives a killed parent and keeps its port.
 */
export function tsNode(file, args = [], { reactServer = false } = {}) {
  return [process.execPath, [...(reactServer ? ["--conditions=react-server"] : []), "--import", "tsx", file, ...args]];
}

/** Fails with a clear message when a port we are about to use already answers. */
export async function assertPortsFree(ports) {
  for (const port of ports) {
    const inUse = await new Promise((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (inUse) throw new Error(`port ${port} is already in use: is another app or emulator still running?`);
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll(signal);
    process.exit(130);
  });
}
process.on("exit", () => stopAll("SIGKILL"));
