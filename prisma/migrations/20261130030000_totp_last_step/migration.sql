-- The last 30-second step whose TOTP code was accepted: a code is taken once (RFC 6238, 5.2).
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
