/**
 * An exclusive lock on a PGlite data directory, held for the life of the process.
 *
 * PGlite has no lock of its own: two processes opening one directory both succeed, then
 * writes are silently lost and the directory can become unreadable. Node has no portable
 * flock(), so the lock is a file created with `openSync(path, "wx")` (O_CREAT|O_EXCL:
 * atomic, exactly one creator wins) holding the owner's PID. A lock whose process is gone
 * (crash, kill -9) is stale and taken over; a live one fails fast.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

const LOCK_FILE = "teams-connect.lock";
/** Locks this process holds, so the `exit` hook releases exactly these. */
const held = new Set<string>();

type LockInfo = { pid: number; startTime: string | null };

export class DatabaseLockedError extends Error {
  constructor(label: string, pid: number) {
    super(
      `The embedded database at ${label} is already open in process ${pid} (npm run dev?). ` +
        "Stop it, or use PostgreSQL (DATABASE_URL=postgres://…).",
    );
    this.name = "DatabaseLockedError";
  }
}

/** Linux process start time (clock ticks since boot): tells a live PID from a reused one. */
function startTimeOf(pid: number | "self"): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.pid === process.pid) return false; // a previous run that happened to get our PID
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = startTimeOf(info.pid);
  return !(info.startTime && now && info.startTime !== now);
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null; // vanished or half-written: the caller retries
  }
}

/**
 * Takes the lock for `dataDir` (created if missing) or throws `DatabaseLockedError`.
 * `label` names the directory in the message (e.g. `.data/pglite`). Returns `release`.
 */
export function acquirePgliteLock(dataDir: string, label = dataDir): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  if (held.has(file)) throw new Error(`The embedded database at ${label} is already open in this process.`);
  mkdirSync(dataDir, { recursive: true });
  const info: LockInfo = { pid: process.pid, startTime: startTimeOf("self") };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      held.add(file);
      return () => release(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readLock(file);
    if (owner && isAlive(owner)) throw new DatabaseLockedError(label, owner.pid);
    // Stale (or unreadable for a moment): remove and race again for the O_EXCL create.
    if (owner) rmQuietly(file);
  }
  throw new Error(`Could not take the lock ${file}; remove it if no process uses ${label}.`);
}

function rmQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* another process removed it first */
  }
}

function release(file: string): void {
  if (!held.delete(file)) return;
  if (readLock(file)?.pid === process.pid) rmQuietly(file);
}

// `exit` runs on normal exit and process.exit(); a kill -9 leaves a stale lock, which the
// next process takes over by the PID check above.
process.on("exit", () => {
  for (const file of [...held]) release(file);
});
