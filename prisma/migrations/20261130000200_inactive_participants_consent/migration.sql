-- Taking a participant out of the group now withdraws their consent (issue 11, finding 5).
-- Participants taken out before that still have open consents: letting them back in would give
-- their access back without the user's new consent. Withdraw those consents now, as of when the
-- participant row last changed (when they were taken out, or later), by nobody in particular.
UPDATE "ParticipantConsent" c
SET "withdrawnAt" = p."updatedAt"
FROM "PlanParticipant" p
WHERE c."participantId" = p.id AND p.active = false AND c."withdrawnAt" IS NULL;
