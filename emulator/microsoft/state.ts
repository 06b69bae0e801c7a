/**
 * Persisted identity state: sign-in sessions, consents, authorization codes, refresh
 * tokens and per-tenant policy overrides. Demo users and tenants are not here: they are
 * regenerated from `emulator/data`.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../core/context";
import type { Section } from "../core/store";

export interface LoginSession {
  userId: string;
  tenantId: string;
  createdAt: number;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  tenantId: string;
  scopes: string[];
  nonce: string | null;
  expiresAt: number;
}

export interface RefreshToken {
  clientId: string;
  userId: string;
  tenantId: string;
  scopes: string[];
  issuedAt: number;
  /** Set by `/_emulator/microsoft/grants/expire`: the next use answers AADSTS700082. */
  expired?: boolean;
}

export interface IdentityState {
  sessions: Record<string, LoginSession>;
  /** `clientId|userId` → consented scopes. */
  consents: Record<string, string[]>;
  /** `tenantId|clientId` → scopes an admin consented to for the whole tenant. */
  adminConsents: Record<string, string[]>;
  codes: Record<string, AuthCode>;
  refreshTokens: Record<string, RefreshToken>;
  /** userId → ms; refresh tokens issued before are revoked (AADSTS50173). */
  tokensValidFrom: Record<string, number>;
  /** tenantId → admin-consent-only scopes, overriding the dataset's policy. */
  policies: Record<string, string[]>;
}

const seed = (): IdentityState => ({
  sessions: {},
  consents: {},
  adminConsents: {},
  codes: {},
  refreshTokens: {},
  tokensValidFrom: {},
  policies: {},
});

export function identityState(ctx: EmulatorContext): Section<IdentityState> {
  return ctx.store.section("microsoft.identity", seed);
}

export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(48).toString("base64url")}`;
}
