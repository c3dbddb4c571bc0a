import { protectedProcedure } from "../trpc/trpc.ts";
import { deleteInput, deleteItem, restoreInput, restoreItem, type DeletableKind } from "./removal.ts";

/** `delete` and `restore` for one kind of plan content, spread into that kind's router. */
export const removalProcedures = (kind: DeletableKind) => ({
  delete: protectedProcedure.input(deleteInput).mutation(({ ctx, input }) => deleteItem(ctx.db.prisma, ctx.auth.user, kind, input, ctx.meta)),
  restore: protectedProcedure.input(restoreInput).mutation(({ ctx, input }) => restoreItem(ctx.db.prisma, ctx.auth.user, kind, input, ctx.meta)),
});
