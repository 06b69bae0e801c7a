/** What every scenario gets from the runner, and what it hands back. */
import type { Browser } from "@playwright/test";
import type { Nango } from "@nangohq/node";
import type { BenchUser, Control, Env } from "./stack";

export interface BenchContext {
  env: Env;
  appUrl: string;
  appPid: number;
  control: Control;
  /** The server-side SDK, pointed at the emulated Nango (for baselines). */
  nango: Nango;
  integrationId: string;
  /** Megan's app account, connected once through the real Connect UI. */
  megan: { cookie: string; connectionId: string; storageState: string };
  /** Users nobody has used yet, handed out one at a time. */
  freshUser(): BenchUser;
  /** 50 users of the Contoso tenant, all connected (overhead and throttled scenarios). */
  loadUsers: BenchUser[];
  connectionIdOf(userId: string): string;
  browser(): Promise<Browser>;
  log(message: string): void;
}

export interface Goal {
  goal: string;
  measured: string;
  pass: boolean | null;
}

export interface ScenarioResult {
  goals: Goal[];
  /** Raw numbers for latest.json. */
  data: Record<string, unknown>;
  /** What limits a missed goal (or anything a reader should know). */
  notes?: string[];
}

export interface Scenario {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
