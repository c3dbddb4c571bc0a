import { create } from "xmlbuilder2";
import { formatDateTime, osloDate } from "../../app/domain/oslo-time.ts";
import type { ArchiveReason } from "../../app/domain/schemas.ts";
import { translate } from "../i18n.ts";
import type { PlanSnapshot } from "./content.ts";

// The archive copy's metadata in Noark 5 terms (arkivstruktur): the plan is a saksmappe under
// the municipality's case number, each copy one journalpost, and the PDF and every document a
// dokumentbeskrivelse with its dokumentobjekt (file name in the package, SHA-256, size).
// Built with xmlbuilder2, so every text is escaped and the result is well formed.

export const NOARK5_NAMESPACE = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

export interface PackagedFile {
  /** The path in the ZIP (plan.pdf, dokumenter/1-navn.pdf). */
  path: string;
  title: string;
  mimeType: string;
  format: string;
  sha256: string;
  size: number;
  createdAt: Date;
  main: boolean;
}

const day = (value: Date) => osloDate(value);
/** Only characters XML 1.0 allows (a stray control character in a name would make it ill-formed). */
const x = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
const instant = (value: Date) => value.toISOString();

/** "2027-0042" as year and sequence number, when the reference has that shape. */
function caseParts(reference: string | null): { year: string; sequence: string } | null {
  const match = reference?.match(/^(\d{4})-0*(\d+)$/);
  return match ? { year: match[1], sequence: match[2] } : null;
}

export function noark5Xml(input: { archiveId: string; reason: ArchiveReason; madeAt: Date; plan: PlanSnapshot; files: PackagedFile[] }): string {
  const { plan, files, madeAt } = input;
  const t = (key: string, params: Record<string, string | number> = {}) => translate("nb", key, params);
  const title = t("archive.pdfDoc.title", { name: plan.owner.name });
  const coordinator = plan.coordinators.find((c) => !c.endedAt) ?? plan.coordinators.at(-1);
  const parts = caseParts(plan.caseReference);

  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(NOARK5_NAMESPACE, "mappe", { "xmlns:xsi": XSI, "xsi:type": "saksmappe" });
  root.ele("systemID").txt(x(plan.id));
  root.ele("mappeID").txt(x(plan.caseReference ?? plan.id));
  root.ele("tittel").txt(x(title));
  root.ele("opprettetDato").txt(x(instant(plan.createdAt)));
  if (plan.closedAt) root.ele("avsluttetDato").txt(x(instant(plan.closedAt)));
  if (parts) {
    root.ele("saksaar").txt(x(parts.year));
    root.ele("sakssekvensnummer").txt(x(parts.sequence));
  }
  root.ele("saksdato").txt(x(day(plan.caseDecidedAt ?? plan.startDate ?? plan.createdAt)));
  root.ele("administrativEnhet").txt(x(`${plan.municipality.name} (${plan.municipality.number})`));
  root.ele("saksansvarlig").txt(x(coordinator?.coordinator.name ?? ""));
  root.ele("saksstatus").txt(x(plan.status === "CLOSED" ? "Avsluttet" : "Under behandling"));
  // The municipality's case number as given, also when it is not year-sequence shaped.
  root.ele("virksomhetsspesifikkeMetadata").ele("saksnummer").txt(x(plan.caseReference ?? ""));

  const post = root.ele("registrering", { "xsi:type": "journalpost" });
  post.ele("systemID").txt(x(input.archiveId));
  post.ele("opprettetDato").txt(x(instant(madeAt)));
  post.ele("tittel").txt(x(`${title} – ${t(`archive.reason.${input.reason}`)} (${formatDateTime(madeAt, "nb")})`));
  post.ele("journalposttype").txt(x("Organinternt dokument uten oppfølging"));
  post.ele("journalstatus").txt(x("Journalført"));
  post.ele("journaldato").txt(x(day(madeAt)));
  files.forEach((file, index) => {
    const description = post.ele("dokumentbeskrivelse");
    description.ele("dokumenttype").txt(x(file.main ? "Plan" : "Vedlegg"));
    description.ele("dokumentstatus").txt(x("Dokumentet er ferdigstilt"));
    description.ele("tittel").txt(x(file.title));
    description.ele("opprettetDato").txt(x(instant(file.createdAt)));
    description.ele("tilknyttetRegistreringSom").txt(x(file.main ? "Hoveddokument" : "Vedlegg"));
    description.ele("dokumentnummer").txt(x(String(index + 1)));
    const object = description.ele("dokumentobjekt");
    object.ele("versjonsnummer").txt(x("1"));
    object.ele("variantformat").txt(x(file.main ? "Arkivformat" : "Produksjonsformat"));
    object.ele("format").txt(x(file.format));
    object.ele("mimeType").txt(x(file.mimeType));
    object.ele("referanseDokumentfil").txt(x(file.path));
    object.ele("sjekksum").txt(x(file.sha256));
    object.ele("sjekksumAlgoritme").txt(x("SHA-256"));
    object.ele("filstoerrelse").txt(x(String(file.size)));
  });
  return root.end({ prettyPrint: true });
}
