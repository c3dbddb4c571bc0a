import { KE_ROLES } from "../auth/roles.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc/trpc.ts";
import {
  addCaseDocument,
  addCaseNote,
  addCaseNoteInput,
  assignCase,
  assignCaseInput,
  caseIdInput,
  closeCase,
  closeCaseInput,
  createCase,
  createCaseInput,
  decideCase,
  decideCaseInput,
  addDocumentInput,
  findCasePerson,
  findPersonInput,
  linkCaseSubject,
  linkSubjectInput,
  documentInput,
  getCaseDocument,
  listCaseDocuments,
  getCase,
  listCaseOfficers,
  listCases,
  listCasesInput,
  listMyCases,
  sendInterimReply,
  sendInterimReplyInput,
} from "./service.ts";

const ke = roleProcedure(...KE_ROLES);

export const caseRouter = router({
  /** Anyone signed in may send what their role allows (service function decides). */
  create: protectedProcedure.input(createCaseInput).mutation(({ ctx, input }) => createCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  mine: protectedProcedure.query(({ ctx }) => listMyCases(ctx.db.prisma, ctx.auth.user)),
  byId: protectedProcedure.input(caseIdInput).query(({ ctx, input }) => getCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  list: roleProcedure(...KE_ROLES, "ADMIN").input(listCasesInput).query(({ ctx, input }) => listCases(ctx.db.prisma, ctx.auth.user, input)),
  officers: ke.query(({ ctx }) => listCaseOfficers(ctx.db.prisma, ctx.auth.user)),
  assign: ke.input(assignCaseInput).mutation(({ ctx, input }) => assignCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addNote: ke.input(addCaseNoteInput).mutation(({ ctx, input }) => addCaseNote(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  sendInterimReply: ke.input(sendInterimReplyInput).mutation(({ ctx, input }) => sendInterimReply(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  decide: ke.input(decideCaseInput).mutation(({ ctx, input }) => decideCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addDocument: ke.input(addDocumentInput).mutation(({ ctx, input }) => addCaseDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  documents: ke.input(caseIdInput).query(({ ctx, input }) => listCaseDocuments(ctx.db.prisma, ctx.auth.user, input)),
  document: ke.input(documentInput).query(({ ctx, input }) => getCaseDocument(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  findPerson: ke.input(findPersonInput).query(({ ctx, input }) => findCasePerson(ctx.db.prisma, ctx.auth.user, input)),
  linkSubject: ke.input(linkSubjectInput).mutation(({ ctx, input }) => linkCaseSubject(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  close: ke.input(closeCaseInput).mutation(({ ctx, input }) => closeCase(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});
