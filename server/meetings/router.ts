import { protectedProcedure, router } from "../trpc/trpc.ts";
import { addAgendaItem, removeAgendaItem, reorderAgenda, updateAgendaItem } from "./agenda-items.ts";
import { getMeetingIcs } from "./calendar.ts";
import { addGuest, recordGuestConsent } from "./guests.ts";
import { addCorrection, approveMinutes, recordAttendance } from "./minutes.ts";
import { getMeetingPage } from "./page.ts";
import { getMeeting, listMeetings, listUpcomingMeetings } from "./read.ts";
import { respondToMeeting } from "./respond.ts";
import { cancelMeeting, createMeeting, updateMeeting } from "./schedule.ts";
import {
  addAgendaItemInput,
  addCorrectionInput,
  addGuestInput,
  agendaItemIdInput,
  approveMinutesInput,
  cancelMeetingInput,
  completeTaskInput,
  createMeetingInput,
  createTaskInput,
  meetingIdInput,
  meetingListInput,
  meetingReadInput,
  recordAttendanceInput,
  recordGuestConsentInput,
  reorderAgendaInput,
  respondInput,
  updateAgendaItemInput,
  updateMeetingInput,
} from "./schemas.ts";
import { completeTask, createTask, listMyTasks } from "./tasks.ts";

// Thin procedures: every rule (who may, what is audited) is in the use cases and access functions.
export const meetingRouter = router({
  create: protectedProcedure.input(createMeetingInput).mutation(({ ctx, input }) => createMeeting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  update: protectedProcedure.input(updateMeetingInput).mutation(({ ctx, input }) => updateMeeting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  cancel: protectedProcedure.input(cancelMeetingInput).mutation(({ ctx, input }) => cancelMeeting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  list: protectedProcedure.input(meetingListInput).query(({ ctx, input }) => listMeetings(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  byId: protectedProcedure.input(meetingReadInput).query(({ ctx, input }) => getMeeting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  // The meeting page in one read (decision 043).
  page: protectedProcedure.input(meetingReadInput).query(({ ctx, input }) => getMeetingPage(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  upcoming: protectedProcedure.query(({ ctx }) => listUpcomingMeetings(ctx.db.prisma, ctx.auth.user)),
  ics: protectedProcedure.input(meetingIdInput).query(({ ctx, input }) => getMeetingIcs(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  respond: protectedProcedure.input(respondInput).mutation(({ ctx, input }) => respondToMeeting(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addGuest: protectedProcedure.input(addGuestInput).mutation(({ ctx, input }) => addGuest(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  recordGuestConsent: protectedProcedure
    .input(recordGuestConsentInput)
    .mutation(({ ctx, input }) => recordGuestConsent(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addAgendaItem: protectedProcedure.input(addAgendaItemInput).mutation(({ ctx, input }) => addAgendaItem(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  updateAgendaItem: protectedProcedure
    .input(updateAgendaItemInput)
    .mutation(({ ctx, input }) => updateAgendaItem(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  removeAgendaItem: protectedProcedure
    .input(agendaItemIdInput)
    .mutation(({ ctx, input }) => removeAgendaItem(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  reorderAgenda: protectedProcedure.input(reorderAgendaInput).mutation(({ ctx, input }) => reorderAgenda(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  recordAttendance: protectedProcedure
    .input(recordAttendanceInput)
    .mutation(({ ctx, input }) => recordAttendance(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  approveMinutes: protectedProcedure.input(approveMinutesInput).mutation(({ ctx, input }) => approveMinutes(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  addCorrection: protectedProcedure.input(addCorrectionInput).mutation(({ ctx, input }) => addCorrection(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  createTask: protectedProcedure.input(createTaskInput).mutation(({ ctx, input }) => createTask(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
  completeTask: protectedProcedure.input(completeTaskInput).mutation(({ ctx, input }) => completeTask(ctx.db.prisma, ctx.auth.user, input, ctx.meta)),
});

/** "Mine oppgaver": follow-up tasks the caller is responsible for. */
export const taskRouter = router({
  mine: protectedProcedure.query(({ ctx }) => listMyTasks(ctx.db.prisma, ctx.auth.user, ctx.meta)),
});
