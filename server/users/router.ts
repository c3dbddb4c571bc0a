import { z } from "zod";
import { KE_ROLES } from "../auth/roles.ts";
import { roleProcedure, router } from "../trpc/trpc.ts";
import { getCoordinatorLoad, listUnits, listUsers } from "./service.ts";

export const userRouter = router({
  list: roleProcedure("ADMIN").query(({ ctx }) => listUsers(ctx.db.prisma, ctx.auth.user)),
});

export const unitRouter = router({
  // Unit names are not sensitive; staff need them to name a measure's responsible unit.
  list: roleProcedure("ADMIN", ...KE_ROLES, "UNIT_LEADER", "COORDINATOR", "STAFF").query(({ ctx }) => listUnits(ctx.db.prisma, ctx.auth.user)),
  coordinatorLoad: roleProcedure("UNIT_LEADER", ...KE_ROLES, "ADMIN")
    .input(z.object({ unitId: z.string().uuid().optional() }).optional())
    .query(({ ctx, input }) => getCoordinatorLoad(ctx.db.prisma, ctx.auth.user, input?.unitId)),
});
