import { protectedProcedure, router } from "../trpc/trpc.ts";
import {
  countMyUnread,
  getNotificationSettings,
  listMyNotifications,
  markNotificationsRead,
  markReadInput,
  myNotificationsInput,
  notificationSettingsInput,
  updateNotificationSettings,
} from "./service.ts";

export const notificationRouter = router({
  mine: protectedProcedure.input(myNotificationsInput).query(({ ctx, input }) => listMyNotifications(ctx.db.prisma, ctx.auth.user, input)),
  unread: protectedProcedure.query(({ ctx }) => countMyUnread(ctx.db.prisma, ctx.auth.user)),
  markRead: protectedProcedure.input(markReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  settings: protectedProcedure.query(({ ctx }) => getNotificationSettings(ctx.db.prisma, ctx.auth.user)),
  updateSettings: protectedProcedure
    .input(notificationSettingsInput)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
