/**
 * Persisted emulator state (connections, grants, sessions...). Each module owns one
 * named section; the whole file is rewritten atomically (tmp + rename) shortly after a
 * change, so a crash never leaves half a file. `reset()` returns every section to its
 * seed, which is what `POST /_emulator/reset` does.
 */
import fs from "node:fs";
import path from "node:path";

export interface Section<T> {
  /** The live data: mutate it, then call `changed()`. */
  readonly data: T;
  changed(): void;
}

export class Store {
  private readonly seeds = new Map<string, () => unknown>();
  private values: Record<string, unknown> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string | null) {
    if (file && fs.existsSync(file)) {
      try {
        this.values = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
      } catch (error) {
        // A corrupt file must not stop the emulator: keep it for inspection, start fresh.
        fs.renameSync(file, `${file}.corrupt-${Date.now()}`);
        console.warn(`[emulator] state file unreadable (${String(error)}); starting from seed`);
        this.values = {};
      }
    }
  }

  section<T>(name: string, seed: () => T): Section<T> {
    this.seeds.set(name, seed);
    if (!(name in this.values)) this.values[name] = seed();
    const values = () => this.values;
    return {
      get data() {
        return values()[name] as T;
      },
      changed: () => this.scheduleSave(),
    };
  }

  reset(): void {
    this.values = {};
    for (const [name, seed] of this.seeds) this.values[name] = seed();
    this.flush();
  }

  private scheduleSave(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), 50);
  }

  /** Writes the state now (also called on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.values));
    fs.renameSync(tmp, this.file);
  }
}
