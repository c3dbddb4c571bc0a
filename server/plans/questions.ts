import { z } from "zod";
import { KE_ROLES } from "../../app/domain/schemas.ts";
import { id } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import { hasAnyRole } from "../auth/roles.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { uniqueViolation } from "../db/unique.ts";
import { DomainError, notFound, requireRight } from "../errors.ts";
import type { Policy, Scope } from "../records/policy.ts";
import { read } from "../records/read.ts";
import { write } from "../records/write.ts";

// The coordinating unit's questions to a plan's coordinator (issue 14): asked with a text the KE
// leader can change, one open at a time, answered by the coordinator in a thread that only the
// coordinator, the coordinating unit and the coordinator's unit leader see. Never in the plan's
// log, which the user and everyone in the plan read.

const body = z.string().trim().min(1).max(2_000);
export const askQuestionInput = z.object({ planId: id, text: body });
export const questionsInput = z.object({ planId: id });
export const replyInput = z.object({ questionId: id, text: body });

interface QuestionScope extends Scope {
  planId: string;
  coordinatorId: string | null;
  /** What the actor is here: the one answering, or someone following up. */
  as: "coordinator" | "ke" | "unitLeader";
}

/**
 * Who may see and write in a plan's questions: the coordinating unit, the plan's current
 * coordinator, and the leader of that coordinator's unit. Everyone else, in the plan or not, is
 * told the plan is not there.
 */
function questionPolicy(planId: string): Policy<QuestionScope> {
  return {
    async resolve(tx: Tx, actor: SessionUser) {
      const plan = await tx.plan.findFirst({
        where: { id: planId, municipalityId: actor.municipalityId },
        select: { id: true, coordinators: { where: { endedAt: null }, select: { coordinatorId: true, coordinator: { select: { unitId: true } } } } },
      });
      if (!plan) throw notFound();
      const current = plan.coordinators[0] ?? null;
      const as = hasAnyRole(actor, KE_ROLES)
        ? "ke"
        : current?.coordinatorId === actor.id
          ? "coordinator"
          : hasAnyRole(actor, ["UNIT_LEADER"]) && actor.leadsUnitId !== null && current?.coordinator.unitId === actor.leadsUnitId
            ? "unitLeader"
            : null;
      if (!as) throw notFound();
      return {
        municipalityId: actor.municipalityId,
        planId: plan.id,
        planRole: as === "coordinator" ? "COORDINATOR" : as === "ke" ? "AUDITOR" : null,
        coordinatorId: current?.coordinatorId ?? null,
        as,
        target: { type: "plan", id: plan.id },
      };
    },
  };
}

/** The KE leader asks the plan's coordinator; refused while an earlier question is open. */
export async function askQuestion(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof askQuestionInput>, meta: RequestMeta) {
  return write(prisma, actor, meta, questionPolicy(input.planId), "plan.question", async (tx, scope) => {
    requireRight(hasAnyRole(actor, ["KE_LEADER"]));
    if (!scope.coordinatorId) throw new DomainError("BAD_REQUEST", "dashboard.noCoordinatorToAsk");
    const question = await tx.planQuestion
      .create({
        data: {
          municipalityId: actor.municipalityId,
          planId: scope.planId,
          askedById: actor.id,
          coordinatorId: scope.coordinatorId,
          messages: { create: { authorId: actor.id, body: input.text } },
        },
        select: { id: true },
      })
      .catch((error: unknown) => {
        if (uniqueViolation(error)) throw new DomainError("CONFLICT", "dashboard.questionOpen");
        throw error;
      });
    return { result: { questionId: question.id }, target: { type: "question", id: question.id }, details: { questionId: question.id } };
  });
}

/** A plan's questions with their threads, newest first; a read, recorded as one. */
export async function listQuestions(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof questionsInput>, meta: RequestMeta) {
  return read(prisma, actor, meta, questionPolicy(input.planId), "plan.questions.view", async (tx, scope) => {
    const questions = await tx.planQuestion.findMany({
      where: { planId: scope.planId },
      orderBy: { askedAt: "desc" },
      take: 50,
      select: { id: true, askedAt: true, answeredAt: true, coordinatorId: true, messages: { orderBy: { createdAt: "asc" }, select: { id: true, authorId: true, body: true, createdAt: true } } },
    });
    const plan = await tx.plan.findUniqueOrThrow({ where: { id: scope.planId }, select: { owner: { select: { name: true } } } });
    const authorIds = [...new Set(questions.flatMap((q) => q.messages.map((m) => m.authorId)))];
    const authors = new Map((await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    return {
      result: {
        ownerName: plan.owner.name,
        mayAnswer: scope.as === "coordinator",
        questions: questions.map((q) => ({ ...q, messages: q.messages.map((m) => ({ ...m, authorName: authors.get(m.authorId) ?? "" })) })),
      },
    };
  });
}

/** An answer in a question's thread; the coordinator's answer closes the question. */
export async function replyToQuestion(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof replyInput>, meta: RequestMeta) {
  const question = await prisma.planQuestion.findFirst({ where: { id: input.questionId, municipalityId: actor.municipalityId }, select: { planId: true } });
  if (!question) throw notFound();
  return write(prisma, actor, meta, questionPolicy(question.planId), "plan.question.reply", async (tx, scope) => {
    const message = await tx.planQuestionMessage.create({ data: { questionId: input.questionId, authorId: actor.id, body: input.text }, select: { id: true } });
    const answers = scope.as === "coordinator";
    if (answers) await tx.planQuestion.updateMany({ where: { id: input.questionId, answeredAt: null }, data: { answeredAt: new Date() } });
    return {
      result: { answered: answers },
      target: { type: "question", id: input.questionId },
      details: { questionId: input.questionId, messageId: message.id, answered: answers },
    };
  });
}
