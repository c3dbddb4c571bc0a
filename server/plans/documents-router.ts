import { protectedProcedure, router } from "../trpc/trpc.ts";
import {
  addPlanDocument,
  addPlanDocumentInput,
  deletePlanDocument,
  getPlanDocument,
  listPlanDocuments,
  planDocumentInput,
  planDocumentsInput,
} from "./documents.ts";

// Documents on a plan: who may do what is decided in the service (server/plans/documents.ts).
export const planDocumentRouter = router({
  list: protectedProcedure.input(planDocumentsInput).query(({ ctx, input }) => listPlanDocuments(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  get: protectedProcedure.input(planDocumentInput).query(({ ctx, input }) => getPlanDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  add: protectedProcedure.input(addPlanDocumentInput).mutation(({ ctx, input }) => addPlanDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  delete: protectedProcedure.input(planDocumentInput).mutation(({ ctx, input }) => deletePlanDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
