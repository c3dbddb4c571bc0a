import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create as openFont } from "fontkit";
import PDFDocument from "pdfkit";
import { NOT_RELEVANT } from "../../app/domain/assessment.ts";
import { ABOUT_FIELDS } from "../../app/domain/lists.ts";
import { formatDate, formatDateTime, formatMeetingStart } from "../../app/domain/oslo-time.ts";
import { translate } from "../i18n.ts";
import type { PlanSnapshot } from "./content.ts";

// The plan as PDF/A-2b, made on the server without a browser (docs/decisions/027): pdfkit writes
// the XMP (pdfaid:part 2, conformance B) and the sRGB OutputIntent; every character is drawn in
// DejaVu Sans, embedded as a subset (PDF/A forbids the standard, unembedded Helvetica). A
// character DejaVu has no glyph for (an emoji) becomes "?", since PDF/A forbids drawing .notdef.

const require = createRequire(import.meta.url);
const FONT = { regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf") };

let coverage: { has(codePoint: number): boolean } | undefined;
function drawable(text: string): string {
  if (!coverage) {
    const regular = openFont(readFileSync(FONT.regular));
    const bold = openFont(readFileSync(FONT.bold));
    coverage = { has: (cp) => regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp) };
  }
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    const cp = ch.codePointAt(0)!;
    out += cp === 10 || cp === 9 ? ch : cp < 32 || (cp >= 0x7f && cp < 0xa0) ? "" : coverage.has(cp) ? ch : "?";
  }
  return out;
}

const t = (key: string, params: Record<string, string | number> = {}) => translate("nb", key, params);
const date = (value: Date | null | undefined) => formatDate(value, "nb");
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`);

export async function renderPlanPdf(plan: PlanSnapshot, madeAt: Date): Promise<Buffer> {
  const title = t("archive.pdfDoc.title", { name: plan.owner.name });
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    lang: "nb-NO",
    displayTitle: true,
    bufferPages: true,
    font: FONT.regular,
    info: {
      Title: drawable(title),
      Author: drawable(plan.municipality.name),
      Subject: drawable(t("archive.pdfDoc.subtitle", { date: formatDateTime(madeAt, "nb") })),
      Creator: "Individuell plan",
      Producer: "Individuell plan (pdfkit)",
      CreationDate: madeAt,
      ModDate: madeAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("Sans", FONT.regular);
  doc.registerFont("Sans-Bold", FONT.bold);

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const h1 = (text: string) => doc.font("Sans-Bold").fontSize(18).text(drawable(text), { width }).moveDown(0.3);
  const h2 = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font("Sans-Bold").fontSize(13).text(drawable(text), { width }).moveDown(0.3);
  };
  const h3 = (text: string) => doc.moveDown(0.4).font("Sans-Bold").fontSize(11).text(drawable(text), { width });
  const p = (text: string, indent = 0) => {
    if (!text.trim()) return;
    doc.font("Sans").fontSize(10).text(drawable(text.trim()), doc.page.margins.left + indent, undefined, { width: width - indent });
  };
  const field = (label: string, value: string, indent = 0) => {
    if (!value.trim()) return;
    doc.font("Sans-Bold").fontSize(10).text(`${drawable(label)}: `, doc.page.margins.left + indent, undefined, { continued: true, width: width - indent });
    doc.font("Sans").text(drawable(value.trim()));
  };

  // Cover
  h1(title);
  doc.font("Sans").fontSize(10).text(drawable(t("archive.pdfDoc.subtitle", { date: formatDateTime(madeAt, "nb") })));
  doc.moveDown(0.6);
  field(t("archive.pdfDoc.municipality"), `${plan.municipality.name} (${plan.municipality.number})`);
  field(t("archive.pdfDoc.caseNumber"), plan.caseReference ?? t("archive.pdfDoc.noCase"));
  field(t("archive.pdfDoc.planType"), t(`plan.type.${plan.type}`));
  field(t("archive.pdfDoc.status"), t(`plan.status.${plan.status}`));
  field(t("archive.pdfDoc.period"), [date(plan.startDate), date(plan.endDate)].filter(Boolean).join(" – "));
  field(t("archive.pdfDoc.nextReview"), date(plan.nextReviewAt));
  field(t("archive.pdfDoc.consentToPlan"), plan.consentGivenAt ? date(plan.consentGivenAt) : t("archive.pdfDoc.noConsent"));
  const current = plan.coordinators.find((c) => !c.endedAt);
  if (current) field(t("plan.coordinator"), current.coordinator.name);
  if (plan.closedAt) p(t("archive.pdfDoc.closed", { date: date(plan.closedAt), reason: plan.closedReason ?? "" }));

  // Om meg
  const about = ABOUT_FIELDS.filter((f) => plan[f].trim());
  if (about.length) {
    h2(t("archive.pdfDoc.about"));
    for (const f of about) {
      h3(t(`archive.pdfDoc.aboutField.${f}`));
      p(plan[f]);
    }
  }

  // Goals, sub-goals, measures and evaluations
  h2(t("archive.pdfDoc.goals"));
  const main = plan.goals.filter((g) => !g.parentId);
  if (!main.length) p(t("archive.pdfDoc.none"));
  const evaluationsOf = (key: "goalId" | "measureId", id: string) => plan.evaluations.filter((e) => e[key] === id);
  const evaluations = (list: PlanSnapshot["evaluations"], indent: number) => {
    if (!list.length) return;
    doc.font("Sans-Bold").fontSize(10).text(drawable(t("archive.pdfDoc.evaluations")), doc.page.margins.left + indent);
    for (const e of list) {
      p(t("archive.pdfDoc.evaluation", { date: date(e.date), achieved: e.achieved }), indent + 10);
      if (e.participants.trim()) p(t("archive.pdfDoc.evaluationWho", { who: e.participants }), indent + 10);
      if (e.nextStep.trim()) p(t("archive.pdfDoc.nextStep", { text: e.nextStep }), indent + 10);
    }
  };
  const goal = (g: PlanSnapshot["goals"][number], indent: number) => {
    doc.moveDown(0.4).font("Sans-Bold").fontSize(11).text(drawable(g.title), doc.page.margins.left + indent, undefined, { width: width - indent });
    field(t("goal.field.lifeArea"), t(`goal.lifeArea.${g.lifeArea}`), indent);
    field(t("goal.field.status"), t(`goal.status.${g.status}`) + (g.writtenByUser ? ` · ${t("archive.pdfDoc.writtenByUser")}` : ""), indent);
    p(g.description, indent);
    field(t("archive.pdfDoc.ownView"), g.ownView ?? "", indent);
    field(t("archive.pdfDoc.othersInput"), g.othersInput ?? "", indent);
    if (g.baselineScore !== null || g.targetScore !== null || g.newScore !== null) {
      p(t("archive.pdfDoc.scores", { baseline: g.baselineScore ?? "–", target: g.targetScore ?? "–", now: g.newScore ?? "–" }), indent);
    }
    if (g.attained) field(t("goal.field.attained"), t(`goal.attained.${g.attained}`), indent);
    if (g.evaluationDate) p(t("archive.pdfDoc.evaluationDate", { date: date(g.evaluationDate) }), indent);
    evaluations(evaluationsOf("goalId", g.id), indent);
    for (const m of plan.measures.filter((x) => x.goalId === g.id)) {
      const mi = indent + 14;
      doc.moveDown(0.3).font("Sans-Bold").fontSize(10).text(drawable(`${t("archive.pdfDoc.measure")}: ${m.title}`), doc.page.margins.left + mi, undefined, { width: width - mi });
      p(m.description, mi);
      field(t("goal.field.status"), t(`measure.status.${m.status}`), mi);
      field(t("archive.pdfDoc.amount"), m.amount ?? "", mi);
      field(t("archive.pdfDoc.responsible"), [m.responsibleUser?.name, m.unit?.name].filter(Boolean).join(", "), mi);
      field(t("archive.pdfDoc.period"), [date(m.startDate), date(m.endDate)].filter(Boolean).join(" – "), mi);
      if (m.evaluationDate) p(t("archive.pdfDoc.evaluationDate", { date: date(m.evaluationDate) }), mi);
      evaluations(evaluationsOf("measureId", m.id), mi);
    }
    for (const sub of plan.goals.filter((x) => x.parentId === g.id)) goal(sub, indent + 14);
  };
  for (const g of main) goal(g, 0);

  // Kartlegging: every assessment, and how the person sees it (never an average: each variable).
  if (plan.assessment.assessments.length || plan.assessment.ownViews.length) {
    h2(t("archive.pdfDoc.assessment"));
    for (const a of plan.assessment.assessments) {
      h3(t("archive.pdfDoc.assessedOn", { date: date(a.assessedOn), name: a.assessedBy, methods: a.methods.map((m) => t(`assessment.method.${m}`)).join(", ") }));
      p(a.note);
      for (const s of a.scores) p(`${s.variable}: ${s.score === NOT_RELEVANT ? t("archive.pdfDoc.notRelevant") : s.score}`, 10);
    }
    if (plan.assessment.ownViews.length) {
      h3(t("archive.pdfDoc.ownViews"));
      for (const v of plan.assessment.ownViews) {
        const score = v.score === null ? "" : v.score === NOT_RELEVANT ? t("archive.pdfDoc.notRelevant") : String(v.score);
        p(`${v.variable}: ${[score, v.words ? `«${v.words}»` : ""].filter(Boolean).join(" ")} (${v.givenBy}, ${date(v.givenAt)})`, 10);
      }
    }
  }

  // The group and their consents
  h2(t("archive.pdfDoc.participants"));
  if (!plan.participants.length) p(t("archive.pdfDoc.none"));
  for (const part of plan.participants) {
    const name = part.user?.name ?? part.displayName ?? "";
    const head = [name, t(`plan.kind.${part.kind}`), part.organisation].filter(Boolean).join(", ") + (part.active ? "" : ` (${t("archive.pdfDoc.inactive")})`);
    doc.moveDown(0.3).font("Sans-Bold").fontSize(10).text(drawable(head), doc.page.margins.left);
    field(t("archive.pdfDoc.accessLevel"), t(`participant.access.${part.access}`), 10);
    p(part.contribution ?? "", 10);
    if (!part.consents.length) p(t("archive.pdfDoc.noConsents"), 10);
    for (const c of part.consents) {
      const parts = [t("archive.pdfDoc.consentFrom", { from: date(c.validFrom) })];
      if (c.validTo) parts.push(t("archive.pdfDoc.consentTo", { to: date(c.validTo) }));
      if (c.withdrawnAt) parts.push(t("archive.pdfDoc.consentWithdrawn", { date: date(c.withdrawnAt) }));
      p(parts.join(" ") + (c.note ? ` – ${c.note}` : ""), 10);
    }
  }

  // Coordinators over time
  h2(t("archive.pdfDoc.coordinators"));
  if (!plan.coordinators.length) p(t("archive.pdfDoc.none"));
  for (const c of plan.coordinators) {
    p(`${c.coordinator.name}${c.coordinator.title ? `, ${c.coordinator.title}` : ""}: ${date(c.startedAt)} – ${c.endedAt ? date(c.endedAt) : t("archive.pdfDoc.current")}`);
    if (c.handoverNote) p(c.handoverNote, 10);
  }

  if (plan.services.length) {
    h2(t("archive.pdfDoc.services"));
    for (const s of plan.services) p(`${s.name}, ${s.provider}${s.fromDate || s.toDate ? ` (${[date(s.fromDate), date(s.toDate)].filter(Boolean).join(" – ")})` : ""}`);
  }

  // Meetings and their approved minutes
  h2(t("archive.pdfDoc.meetings"));
  if (!plan.meetings.length) p(t("archive.pdfDoc.none"));
  for (const m of plan.meetings) {
    h3(`${formatMeetingStart(m.startsAt, "nb")}${m.location ? `, ${m.location}` : ""}`);
    p(t(`meetings.status.${m.status}`));
    if (m.minutesApprovedAt && m.minutesText) {
      p(t("archive.pdfDoc.minutesApproved", { date: date(m.minutesApprovedAt) }));
      p(m.minutesText, 10);
      for (const c of m.corrections) {
        field(t("archive.pdfDoc.correction", { date: date(c.createdAt) }), c.text, 10);
      }
    } else p(t("archive.pdfDoc.noMinutes"));
  }

  h2(t("archive.pdfDoc.log"));
  if (!plan.logEntries.length) p(t("archive.pdfDoc.none"));
  for (const l of plan.logEntries) field(`${date(l.date)}${l.author ? `, ${l.author}` : ""}`, l.body);

  h2(t("archive.pdfDoc.documents"));
  if (!plan.documents.length) p(t("archive.pdfDoc.noDocuments"));
  for (const d of plan.documents) p(t("archive.pdfDoc.documentLine", { name: d.name, type: d.mimeType, size: size(d.size), date: date(d.createdAt) }));

  // Who read and changed the plan, per person and per role
  h2(t("archive.pdfDoc.accessSummary"));
  p(t("archive.pdfDoc.accessPeriod", { from: date(plan.period.from), until: date(plan.period.until) }));
  if (!plan.access.length) p(t("archive.pdfDoc.none"));
  else {
    const cols = [width * 0.42, width * 0.28, width * 0.15, width * 0.15];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let x = doc.page.margins.left;
      let bottom = y;
      doc.font(bold ? "Sans-Bold" : "Sans").fontSize(9);
      cells.forEach((cell, i) => {
        doc.text(drawable(cell), x, y, { width: cols[i] - 6, align: i >= 2 ? "right" : "left" });
        bottom = Math.max(bottom, doc.y);
        x += cols[i];
      });
      doc.x = doc.page.margins.left;
      doc.y = bottom + 2;
    };
    const role = (r: string | null) => (r ? t(`accessLog.role.${r}`) : "–");
    row([t("archive.pdfDoc.who"), t("archive.pdfDoc.role"), t("archive.pdfDoc.reads"), t("archive.pdfDoc.changes")], true);
    for (const a of plan.access) row([a.actorId ? a.name : t("archive.pdfDoc.system"), role(a.planRole), String(a.reads), String(a.changes)]);
    doc.moveDown(0.5);
    row([t("archive.pdfDoc.total"), "", "", ""], true);
    const byRole = new Map<string, { reads: number; changes: number }>();
    for (const a of plan.access) {
      const key = a.planRole ?? "";
      const sum = byRole.get(key) ?? { reads: 0, changes: 0 };
      sum.reads += a.reads;
      sum.changes += a.changes;
      byRole.set(key, sum);
    }
    for (const [r, sum] of byRole) row(["", role(r || null), String(sum.reads), String(sum.changes)]);
  }

  // Page numbers, in the bottom margin of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Sans")
      .fontSize(8)
      .text(drawable(`${title} · ${t("archive.pdfDoc.page", { page: i + 1, pages: range.count })}`), doc.page.margins.left, doc.page.height - 40, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
