import { afterEach, describe, expect, it } from "vitest";
import { osloDate } from "../../app/domain/oslo-time.ts";
import { addWorkingDays } from "../../app/domain/working-days.ts";
import { runDeadlineReminders } from "../../server/cases/reminders.ts";
import { startNotificationEmails } from "../../server/notifications/email.ts";
import { createPlanWorld } from "./plan-world.ts";
import { startSmtpServer } from "./smtp.ts";
import { useTestDatabase } from "./test-db.ts";

// A real SMTP server on a free local port receives what the portal sends.
const t = useTestDatabase();
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("notification e-mail", () => {
  it("sends each new notification by e-mail with a link and no health information, and records it", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const { received } = smtp;

    const w = await createPlanWorld(t.db);
    const stop = startNotificationEmails(t.db.prisma, smtp.url, { from: "portal@kommune.no", baseUrl: "https://ip.kommune.no" });
    cleanups.push(stop);
    const today = osloDate(new Date());
    await t.db.prisma.case.create({
      data: {
        municipalityId: w.home.id,
        reference: "M-1",
        type: "IP_APPLICATION",
        channel: "PORTAL",
        status: "IN_PROGRESS",
        subjectName: "Hemmelig Navn",
        description: "Sensitiv helseopplysning",
        receivedAt: new Date(),
        interimReplyDue: new Date(`${addWorkingDays(today, 30)}T00:00:00Z`),
        decisionDue: new Date(`${addWorkingDays(today, 1)}T00:00:00Z`),
        assignedToId: w.people.caseOfficer.id,
      },
    });
    const created = await runDeadlineReminders(t.db.prisma);
    expect(created.length).toBe(2);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    expect(received.flatMap((m) => m.to).sort()).toEqual([w.people.caseOfficer.email, w.people.keLeader.email].sort());
    const mail = received[0].raw;
    expect(mail).toContain("https://ip.kommune.no/saker/");
    expect(mail).not.toContain("Hemmelig Navn");
    expect(mail).not.toContain("Sensitiv helseopplysning");
    await expect.poll(async () => t.db.prisma.notification.count({ where: { emailedAt: { not: null } } }), { timeout: 10_000 }).toBe(2);
  });
});
