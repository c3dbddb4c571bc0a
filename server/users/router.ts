import { z } from "zod";
import { id } from "../../app/domain/schemas.ts";
import { protectedProcedure, router } from "../trpc/trpc.ts";
import { getCoordinatorLoad, listUnits, listUsers, setUserActive, setUserActiveInput } from "./service.ts";

// Who may list people and units is decided in the service.
export const userRouter = router({
  list: protectedProcedure.query(({ ctx }) => listUsers(ctx.db.prisma, ctx.auth.user)),
  setActive: protectedProcedure.input(setUserActiveInput).mutation(({ ctx, input }) => setUserActive(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

export const unitRouter = router({
  list: protectedProcedure.query(({ ctx }) => listUnits(ctx.db.prisma, ctx.auth.user)),
  coordinatorLoad: protectedProcedure
    .input(z.object({ unitId: id.optional() }).optional())
    .query(({ ctx, input }) => getCoordinatorLoad(ctx.db.prisma, ctx.auth.user, input?.unitId)),
});
