-- Open cases counted from indexes alone on the dashboard (docs/decisions/023): by age, by officer,
-- and those whose interim reply is overdue (partial, so not in schema.prisma).
CREATE INDEX "Case_municipalityId_status_receivedAt_idx" ON "Case"("municipalityId", "status", "receivedAt");
CREATE INDEX "Case_municipalityId_status_assignedToId_idx" ON "Case"("municipalityId", "status", "assignedToId");
CREATE INDEX "Case_interim_unsent_idx" ON "Case"("municipalityId", "status", "interimReplyDue") WHERE "interimReplySentAt" IS NULL;
