import { protectedProcedure, router } from "../trpc/trpc.ts";
import { createUser, deactivateUser, getUser, reactivateUser, resetSecondFactor, updateUser } from "./accounts.ts";
import { importUsers } from "./import.ts";
import { createUnitInput, createUserInput, importUsersInput, listUnitsInput, listUsersInput, updateUnitInput, updateUserInput, userIdInput } from "./schemas.ts";
import { listUnitNames, listUnits, listUsers, setUserActive, setUserActiveInput } from "./service.ts";
import { createUnit, updateUnit } from "./units.ts";

// Who may list and change people and units is decided in the services (the administrator's).
export const userRouter = router({
  list: protectedProcedure.input(listUsersInput).query(({ ctx, input }) => listUsers(ctx.db.prisma, ctx.auth.user, input?.query)),
  byId: protectedProcedure.input(userIdInput).query(({ ctx, input }) => getUser(ctx.db.prisma, ctx.auth.user, input.userId)),
  create: protectedProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateUserInput).mutation(({ ctx, input }) => updateUser(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  deactivate: protectedProcedure.input(userIdInput).mutation(({ ctx, input }) => deactivateUser(ctx.db.prisma, ctx.auth.user, input.userId, ctx.meta)),
  reactivate: protectedProcedure.input(userIdInput).mutation(({ ctx, input }) => reactivateUser(ctx.db.prisma, ctx.auth.user, input.userId, ctx.meta)),
  resetSecondFactor: protectedProcedure.input(userIdInput).mutation(({ ctx, input }) => resetSecondFactor(ctx.db.prisma, ctx.auth.user, input.userId, ctx.meta)),
  /** Both ways at once, as older pages and tests call it. */
  setActive: protectedProcedure.input(setUserActiveInput).mutation(({ ctx, input }) => setUserActive(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  import: protectedProcedure.input(importUsersInput).mutation(({ ctx, input }) => importUsers(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const unitRouter = router({
  list: protectedProcedure.input(listUnitsInput).query(({ ctx, input }) => listUnits(ctx.db.prisma, ctx.auth.user, input ?? {})),
  names: protectedProcedure.query(({ ctx }) => listUnitNames(ctx.db.prisma, ctx.auth.user)),
  create: protectedProcedure.input(createUnitInput).mutation(({ ctx, input }) => createUnit(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateUnitInput).mutation(({ ctx, input }) => updateUnit(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
