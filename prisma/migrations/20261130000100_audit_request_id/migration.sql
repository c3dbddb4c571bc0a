-- The request or connection an audit row came with, to find its log lines (issue 11).
ALTER TABLE "AuditEvent" ADD COLUMN "requestId" TEXT;
