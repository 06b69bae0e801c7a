/**
 * Persisted identity state: sign-in sessions, consents, authorization codes, refresh
 * tokens and per-tenant policy overrides. Demo users and tenants are not here: they are
 * regenerated from `emulator/data`.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../core/context";
import type { Section } from "../core/store";
import type { UserConsentPolicy } from "../data/types";

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
  /** tenantId → control API overrides of the dataset's consent policy. */
  tenantPolicies: Record<string, PolicyOverride>;
  /** Requests sent from the "Need admin approval" page (admin-consent workflow). */
  approvalRequests: AdminApprovalRequest[];
  /** Personal-account access tokens are opaque: Graph looks them up here. */
  opaqueAccessTokens: Record<string, { userId: string; clientId: string; scopes: string[]; expiresAt: number }>;
  /** `scope` of token responses: `https://graph.microsoft.com/Chat.Read` (default) or `Chat.Read`. */
  scopeFormat: "prefixed" | "short";
}

export interface PolicyOverride {
  userConsent?: UserConsentPolicy;
  adminConsentWorkflow?: boolean;
  /** Extra admin-only scopes for this tenant (the `admin-consent` control's `required: true`). */
  extraAdminOnly?: string[];
  /** Scopes exempted from admin-only in this tenant (`required: false`). */
  exempt?: string[];
  /** Some paths redirect with AADSTS90094 instead of showing the page that stays open. */
  adminApprovalRedirect?: boolean;
}

export interface AdminApprovalRequest {
  id: string;
  tenantId: string;
  userId: string;
  email: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  justification: string;
  status: "pending";
  createdAt: string;
}

const seed = (): IdentityState => ({
  sessions: {},
  consents: {},
  adminConsents: {},
  codes: {},
  refreshTokens: {},
  tokensValidFrom: {},
  tenantPolicies: {},
  approvalRequests: [],
  opaqueAccessTokens: {},
  scopeFormat: "prefixed",
});

export function identityState(ctx: EmulatorContext): Section<IdentityState> {
  const section = ctx.store.section("microsoft.identity", seed);
  // State files written before these fields existed.
  const fresh = seed();
  for (const key of ["tenantPolicies", "approvalRequests", "opaqueAccessTokens", "scopeFormat"] as const) {
    if (section.data[key] === undefined) (section.data as unknown as Record<string, unknown>)[key] = fresh[key];
  }
  return section;
}

export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(48).toString("base64url")}`;
}
