import type { z } from "zod";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import { write } from "../records/write.ts";
import { meetingPolicy } from "./access.ts";
import type { respondInput } from "./schemas.ts";

/** An invitee answers whether they come; the coordinator hears when the user's side answers. */
export async function respondToMeeting(prisma: PrismaClient, actor: SessionUser, input: z.infer<typeof respondInput>, meta: RequestMeta) {
  const policy = meetingPolicy(input.meetingId, (a) => a.invitee !== null, { forbiddenKey: "meeting.notInvited", requireOpen: true });
  return write(prisma, actor, meta, policy, "meeting.respond", async (tx, { access }) => {
    if (access.meeting.status !== "PLANNED") throw new DomainError("BAD_REQUEST", "meeting.alreadyHeld");
    const invitee = await tx.meetingInvitee.update({ where: { id: access.invitee!.id }, data: { response: input.response, respondedAt: new Date() } });
    return { result: { inviteeId: invitee.id, response: invitee.response }, details: { response: input.response } };
  });
}
