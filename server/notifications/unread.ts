import { Prisma } from "../db/generated/client.ts";

/**
 * How many of a person's notices are unread, as SQL: the count in every page's header. One
 * rule for notification.unread and for the session read that brings it to each page (decision
 * 053); the person's id and municipality are values or columns of the surrounding statement.
 */
export function unreadCount(userId: Prisma.Sql, municipalityId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM "Notification" n WHERE n."userId" = ${userId} AND n."municipalityId" = ${municipalityId} AND n."readAt" IS NULL)`;
}
