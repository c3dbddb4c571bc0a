-- Issue 12: persons by identity number, sign-in through OpenID Connect providers, a second factor
-- for password sign-in, invitations for participants from outside, and an administration.

-- CreateEnum
CREATE TYPE "IdentityProviderKind" AS ENUM ('RESIDENT', 'STAFF');

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mailFrom" TEXT,
ADD COLUMN     "passwordSignIn" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "subjectIdentityEnc" TEXT,
ADD COLUMN     "subjectIdentityHash" TEXT;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "identityEnc" TEXT,
ADD COLUMN     "identityHash" TEXT,
ADD COLUMN     "lastSignInAt" TIMESTAMP(3),
ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpKeyEnc" TEXT,
ALTER COLUMN "email" DROP NOT NULL,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "providerId" TEXT;

-- CreateTable
CREATE TABLE "IdentityProvider" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "IdentityProviderKind" NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEnc" TEXT,
    "scopes" TEXT NOT NULL DEFAULT 'openid profile',
    "acrValues" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requiredAcr" TEXT,
    "identityClaim" TEXT NOT NULL DEFAULT 'pid',
    "roleClaim" TEXT,
    "roleMap" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'admin',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdentityProvider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingSignIn" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "redirectTo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingSignIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcLogin" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "redirectTo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcLogin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantInvite" (
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,

    CONSTRAINT "ParticipantInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdentityProvider_slug_key" ON "IdentityProvider"("slug");

-- CreateIndex
CREATE INDEX "IdentityProvider_municipalityId_idx" ON "IdentityProvider"("municipalityId");

-- CreateIndex
CREATE INDEX "UserIdentity_userId_idx" ON "UserIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_providerId_subject_key" ON "UserIdentity"("providerId", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode"("userId", "codeHash");

-- CreateIndex
CREATE INDEX "PendingSignIn_userId_idx" ON "PendingSignIn"("userId");

-- CreateIndex
CREATE INDEX "OidcLogin_expiresAt_idx" ON "OidcLogin"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipantInvite_tokenHash_key" ON "ParticipantInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "ParticipantInvite_participantId_idx" ON "ParticipantInvite"("participantId");

-- CreateIndex
CREATE INDEX "Case_municipalityId_subjectIdentityHash_idx" ON "Case"("municipalityId", "subjectIdentityHash");

-- CreateIndex
CREATE UNIQUE INDEX "User_municipalityId_identityHash_key" ON "User"("municipalityId", "identityHash");

-- AddForeignKey
ALTER TABLE "IdentityProvider" ADD CONSTRAINT "IdentityProvider_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "IdentityProvider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantInvite" ADD CONSTRAINT "ParticipantInvite_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "PlanParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One open individual plan per person (a second case links to it, never a second plan).
-- Before this rule, granting a second case made a second, empty draft; those extra plans are
-- closed here (kept, readable, never deleted): the person's active plan, or else their oldest, stays open.
WITH ranked AS (
  SELECT id, row_number() OVER (
    PARTITION BY "ownerId"
    ORDER BY (status = 'ACTIVE') DESC, "createdAt" ASC
  ) AS rank
  FROM "Plan"
  WHERE type = 'IP' AND status IN ('DRAFT', 'ACTIVE')
)
UPDATE "Plan" SET status = 'CLOSED', "endDate" = CURRENT_DATE, "updatedAt" = CURRENT_TIMESTAMP
FROM ranked WHERE "Plan".id = ranked.id AND ranked.rank > 1;

CREATE UNIQUE INDEX "Plan_one_open_ip_per_owner" ON "Plan"("ownerId") WHERE type = 'IP' AND status IN ('DRAFT', 'ACTIVE');

-- The demo municipality (number 9999, which no real municipality has) keeps one-step password sign-in.
UPDATE "Municipality" SET demo = true WHERE number = '9999';
