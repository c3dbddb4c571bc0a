import { protectedProcedure, router } from "../trpc/trpc.ts";
import { addCaseDocument, addDocumentInput, documentInput, getCaseDocument, listCaseDocuments } from "./documents.ts";
import {
  addCaseNote,
  addCaseNoteInput,
  assignCase,
  assignCaseInput,
  closeCase,
  closeCaseInput,
  decideCase,
  decideCaseInput,
  linkCaseSubject,
  linkSubjectInput,
  sendInterimReply,
  sendInterimReplyInput,
} from "./handling.ts";
import { createCase, createCaseInput } from "./intake.ts";
import { caseIdInput, findCasePerson, findPersonInput, getCase, listCaseOfficers, listCases, listCasesInput, listMyCases } from "./read.ts";

// Thin procedures: who may (the coordinating unit, a party to the case) is decided in the service.
export const caseRouter = router({
  create: protectedProcedure.input(createCaseInput).mutation(({ ctx, input }) => createCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  mine: protectedProcedure.query(({ ctx }) => listMyCases(ctx.db.prisma, ctx.auth.user, ctx.meta)),
  byId: protectedProcedure.input(caseIdInput).query(({ ctx, input }) => getCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  list: protectedProcedure.input(listCasesInput).query(({ ctx, input }) => listCases(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  officers: protectedProcedure.query(({ ctx }) => listCaseOfficers(ctx.db.prisma, ctx.auth.user)),
  assign: protectedProcedure.input(assignCaseInput).mutation(({ ctx, input }) => assignCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addNote: protectedProcedure.input(addCaseNoteInput).mutation(({ ctx, input }) => addCaseNote(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  sendInterimReply: protectedProcedure.input(sendInterimReplyInput).mutation(({ ctx, input }) => sendInterimReply(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  decide: protectedProcedure.input(decideCaseInput).mutation(({ ctx, input }) => decideCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addDocument: protectedProcedure.input(addDocumentInput).mutation(({ ctx, input }) => addCaseDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  documents: protectedProcedure.input(caseIdInput).query(({ ctx, input }) => listCaseDocuments(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  document: protectedProcedure.input(documentInput).query(({ ctx, input }) => getCaseDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  findPerson: protectedProcedure.input(findPersonInput).query(({ ctx, input }) => findCasePerson(ctx.db.prisma, ctx.auth.user, input)),
  linkSubject: protectedProcedure.input(linkSubjectInput).mutation(({ ctx, input }) => linkCaseSubject(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  close: protectedProcedure.input(closeCaseInput).mutation(({ ctx, input }) => closeCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
