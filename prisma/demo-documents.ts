import { randomUUID } from "node:crypto";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { PrismaClient } from "../server/db/database.ts";

// Kari's plan's documents in Demo kommune: two small real PDFs, so "Dokumenter" shows something
// true: a schedule everyone in the group sees, and a hospital letter only Kari, her
// representative and the coordinator see (docs/decisions/025-plan-documents.md).

async function letter(title: string, lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setLanguage("nb-NO");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  page.drawText(title, { x: 56, y: 770, size: 18, font: bold });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 730 - i * 20, size: 11, font }));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

export async function seedKarisDocuments(prisma: PrismaClient, planId: string, who: { coordinator: string; physio: string }, daysAgo: (days: number) => Date) {
  const documents = [
    {
      name: "Treningsprogram fysioterapi.pdf",
      visibility: "ALL_MEMBERS" as const,
      uploadedById: who.physio,
      createdAt: daysAgo(30),
      bytes: await letter("Treningsprogram – balanse og styrke", [
        "Til Kari Nordmann, fra Jonas Lie, fysioterapeut, Fysio- og ergoterapi, Demo kommune.",
        "Tre ganger i uka, 20 minutter:",
        "1. Stå på ett bein ved kjøkkenbenken, 3 x 30 sekunder på hvert bein.",
        "2. Reis deg fra stol uten å bruke armene, 3 x 10.",
        "3. Gå trappa opp og ned to ganger, rolig.",
        "Skriv i loggen hvordan det går. Vi evaluerer sammen om seks uker.",
      ]),
    },
    {
      name: "Epikrise fra sykehuset.pdf",
      visibility: "USER_AND_COORDINATOR" as const,
      uploadedById: who.coordinator,
      createdAt: daysAgo(120),
      bytes: await letter("Epikrise (demo)", [
        "Dette er et oppdiktet eksempel for Demo kommune.",
        "Pasient: Kari Nordmann. Innlagt for oppfølging etter hjerneskade.",
        "Anbefaling: fortsatt fysioterapi, hjemmesykepleie for medisiner,",
        "og en individuell plan med koordinator i kommunen.",
        "Synlig bare for Kari, representanten og koordinatoren.",
      ]),
    },
  ];
  for (const d of documents) {
    // Decoded by PostgreSQL, the same on PGlite (see server/plans/document-store.ts).
    await prisma.$executeRaw`INSERT INTO "PlanDocument" (id, "planId", name, "mimeType", size, visibility, storage, content, "uploadedById", "createdAt")
      VALUES (${randomUUID()}, ${planId}, ${d.name}, 'application/pdf', ${d.bytes.length}, ${d.visibility}::"PlanDocumentVisibility", 'DATABASE', decode(${d.bytes.toString("base64")}, 'base64'), ${d.uploadedById}, ${d.createdAt})`;
  }
}
