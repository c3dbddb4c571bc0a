import type { Tx } from "../db/types.ts";
import { translate } from "../i18n.ts";
import { currentScores, differences, latestOwnViews, variablesFor } from "./scores.ts";

// A difference of 2 or more between staff's score and the person's own is talked about at the
// next responsibility-group meeting (issue 15 part 2): it goes on that meeting's agenda when it
// arises, and on the agenda of every meeting planned while it stands (server/meetings/agenda.ts).

export const ASSESSMENT_SOURCE = "assessment";

export interface DifferenceSeed {
  kind: "ASSESSMENT_DIFFERENCE";
  title: string;
  note: string;
  sourceType: typeof ASSESSMENT_SOURCE;
  sourceId: string;
}

/** The agenda items for the plan's differences as they stand now. Agenda texts are stored in Norwegian. */
export async function differenceSeeds(tx: Tx, planId: string, municipalityId: string): Promise<DifferenceSeed[]> {
  const found = differences(await currentScores(tx, planId), await latestOwnViews(tx, planId));
  if (!found.length) return [];
  const variables = await variablesFor(tx, municipalityId, []);
  return found.map((d) => ({
    kind: "ASSESSMENT_DIFFERENCE",
    title: translate("nb", "assessment.agenda.title", { variable: variables[d.variable]?.text ?? d.variable }),
    // No scores in the agenda: meeting guests read it without access to the plan.
    note: translate("nb", "assessment.agenda.note"),
    sourceType: ASSESSMENT_SOURCE,
    sourceId: d.variable,
  }));
}

/** After an assessment or an own view: put new differences on the next planned meeting's agenda, once each. */
export async function flagDifferencesForNextMeeting(tx: Tx, planId: string, municipalityId: string, actorId: string): Promise<number> {
  const meeting = await tx.meeting.findFirst({
    where: { planId, status: "PLANNED", startsAt: { gt: new Date() } },
    orderBy: { startsAt: "asc" },
    select: { id: true },
  });
  if (!meeting) return 0;
  const seeds = await differenceSeeds(tx, planId, municipalityId);
  if (!seeds.length) return 0;
  const onAgenda = await tx.agendaItem.findMany({ where: { meetingId: meeting.id }, select: { sourceType: true, sourceId: true, sortOrder: true } });
  const listed = new Set(onAgenda.filter((i) => i.sourceType === ASSESSMENT_SOURCE).map((i) => i.sourceId));
  const fresh = seeds.filter((s) => !listed.has(s.sourceId));
  if (!fresh.length) return 0;
  const last = Math.max(-1, ...onAgenda.map((i) => i.sortOrder));
  // Two saves at once (staff's and the person's) add each difference once: a unique index.
  await tx.agendaItem.createMany({ data: fresh.map((s, i) => ({ ...s, meetingId: meeting.id, sortOrder: last + 1 + i, addedById: actorId })), skipDuplicates: true });
  return fresh.length;
}
