-- CreateEnum
CREATE TYPE "UserConsentPolicy" AS ENUM ('unknown', 'allowed', 'restricted');

-- AlterTable
ALTER TABLE "RepromptRequest" ADD COLUMN     "blockedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TenantConsent" (
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT,
    "adminGrantedAt" TIMESTAMP(3),
    "adminGrantedBy" TEXT,
    "userConsent" "UserConsentPolicy" NOT NULL DEFAULT 'unknown',
    "userConsentSource" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantConsent_pkey" PRIMARY KEY ("tenantId")
);

-- Grants stored before scope normalisation (lib/scopes.ts) may hold Microsoft's prefixed
-- form and OIDC scopes: store them as short Graph names, as new grants are.
UPDATE "TeamsConnection"
SET "grantedScopes" = ARRAY(
  SELECT DISTINCT ON (lower(s)) s
  FROM (
    SELECT regexp_replace(g, '^(https://graph\.microsoft\.com/|00000003-0000-0000-c000-000000000000/)', '', 'i') AS s, ord
    FROM unnest("grantedScopes") WITH ORDINALITY AS u(g, ord)
  ) normalised
  WHERE lower(s) NOT IN ('openid', 'profile', 'email', 'offline_access')
  ORDER BY lower(s), ord
)
WHERE EXISTS (
  SELECT 1 FROM unnest("grantedScopes") AS g
  WHERE g ~* '^(https://graph\.microsoft\.com/|00000003-0000-0000-c000-000000000000/)' OR lower(g) IN ('openid', 'profile', 'email', 'offline_access')
);
