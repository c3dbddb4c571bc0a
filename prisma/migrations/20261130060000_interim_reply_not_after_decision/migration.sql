-- An interim reply is never due after the decision (docs/decisions/008): open cases received
-- before the rule get their interim-reply date moved back to the decision date.
UPDATE "Case"
SET "interimReplyDue" = "decisionDue"
WHERE "interimReplyDue" > "decisionDue"
  AND "interimReplySentAt" IS NULL
  AND "status" IN ('RECEIVED', 'IN_PROGRESS');
