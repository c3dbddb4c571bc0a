import type { PrismaClient } from "../db/database.ts";
import { birthDateOfSealed } from "../identity/protect.ts";

// Birth dates are read from identity numbers, which are sealed: a migration cannot read them, so
// rows stored before the birth date columns came (migration 20261130160000) get theirs here, at
// start, once (docs/decisions/026). New numbers bring their birth date when stored. Cheap when
// there is nothing to do: one query each that finds no rows.

const BATCH = 500;

export async function fillBirthDates(prisma: PrismaClient): Promise<{ people: number; cases: number }> {
  let people = 0;
  let cases = 0;
  // Paged by id: a row whose number says no date is passed over, not looked at for ever.
  for (let after = ""; ; ) {
    const rows = await prisma.user.findMany({
      where: { birthDate: null, identityEnc: { not: null }, id: { gt: after } },
      select: { id: true, identityEnc: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const birthDate = safely(row.identityEnc);
      if (birthDate) people += (await prisma.user.updateMany({ where: { id: row.id, birthDate: null }, data: { birthDate } })).count;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  for (let after = ""; ; ) {
    const rows = await prisma.case.findMany({
      where: { subjectBirthDate: null, subjectIdentityEnc: { not: null }, id: { gt: after } },
      select: { id: true, subjectIdentityEnc: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const birthDate = safely(row.subjectIdentityEnc);
      if (birthDate) cases += (await prisma.case.updateMany({ where: { id: row.id, subjectBirthDate: null }, data: { subjectBirthDate: birthDate } })).count;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return { people, cases };
}

/** A number sealed under another key (a restored copy) gives no date rather than stopping the start. */
function safely(sealed: string | null): Date | null {
  try {
    return birthDateOfSealed(sealed);
  } catch {
    return null;
  }
}
