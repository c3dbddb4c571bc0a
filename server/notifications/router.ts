import { protectedProcedure, router } from "../trpc/trpc.ts";
import { listMyNotifications, markNotificationsRead, markReadInput } from "./service.ts";

export const notificationRouter = router({
  mine: protectedProcedure.query(({ ctx }) => listMyNotifications(ctx.db.prisma, ctx.auth.user)),
  markRead: protectedProcedure.input(markReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.db.prisma, ctx.auth.user, input)),
});
