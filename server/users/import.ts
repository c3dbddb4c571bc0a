import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";
import { maskIdentityNumber, parseIdentityNumber } from "../../app/domain/identity-number.ts";
import { isOneOf, ROLES, type Role } from "../../app/domain/schemas.ts";
import type { RequestMeta } from "../audit/audit.ts";
import type { SessionUser } from "../auth/sessions.ts";
import type { PrismaClient } from "../db/database.ts";
import type { Tx } from "../db/types.ts";
import { DomainError } from "../errors.ts";
import { allowSyntheticNumbers, identityHash, protectIdentityNumber, seal, unseal } from "../identity/protect.ts";
import { rolePolicy } from "../records/policy.ts";
import { write } from "../records/write.ts";
import { resources } from "../../app/i18n/resources.ts";
import { normaliseEmail } from "../auth/rate-limit.ts";
import { duplicateRefusal, roleRows } from "./accounts.ts";
import { parseCsv } from "./csv.ts";
import { MAX_IMPORT_CHARS, MAX_IMPORT_LINES, type ImportUsersInput } from "./schemas.ts";

// Staff from a spreadsheet (CSV). The preview reads the file and says, line by line, what is
// wrong; nothing is saved. Saving checks every line again in the transaction and saves all of
// them or none, with one audit row for the import. Imported people get no password: they sign in
// through the municipality's staff identity provider (docs/decisions/016-administration.md).
// Between the two the page holds the file only sealed: identity numbers come back masked, never
// in clear.

const ADMIN_ONLY = rolePolicy(["ADMIN"]);

/** A problem, as an i18n key the page says in the person's language. */
export interface ImportMessage {
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportLine {
  /** The line in the file (1 is the header). */
  line: number;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  unit: string | null;
  roles: Role[];
  /** Masked ("010190 *****"); the number itself never leaves the server. */
  identityMasked: string | null;
  errors: ImportMessage[];
}

export interface ImportPreview {
  /** Problems with the file as a whole (no name column, too many lines). */
  fileErrors: ImportMessage[];
  lines: ImportLine[];
  /** Every line can be saved, and there is at least one. */
  valid: boolean;
  /** How many people were saved (0 in a preview, and whenever anything is wrong). */
  saved: number;
}

/** The answer: a preview holds the file sealed, for the page to send back with "commit" (null once saved). */
export type ImportAnswer = ImportPreview & { sealedCsv: string | null };

/** The file for the page to hold: compressed, then sealed with the municipality it was read for. */
function sealFile(municipalityId: string, csv: string): string {
  return seal(deflateRawSync(JSON.stringify({ municipalityId, csv })).toString("base64"));
}

/** The sealed file's text; anything not sealed here, for this municipality, is refused in words. */
function unsealFile(municipalityId: string, sealed: string): string {
  let file: unknown;
  try {
    // Only what we sealed opens (AES-GCM); the limit guards the inflation all the same.
    file = JSON.parse(inflateRawSync(Buffer.from(unseal(sealed), "base64"), { maxOutputLength: 8 * MAX_IMPORT_CHARS }).toString("utf8"));
  } catch {
    throw new DomainError("BAD_REQUEST", "adm.import.sealedInvalid");
  }
  const parsed = z.object({ municipalityId: z.literal(municipalityId), csv: z.string().max(MAX_IMPORT_CHARS) }).safeParse(file);
  if (!parsed.success) throw new DomainError("BAD_REQUEST", "adm.import.sealedInvalid");
  return parsed.data.csv;
}

type Column = "name" | "email" | "phone" | "title" | "unit" | "roles" | "identity";

/** Header names, compared without case, spaces, dashes and diacritics ("E-post" = "epost"). */
const COLUMN_NAMES: Record<Column, string[]> = {
  name: ["navn", "name", "fulltnavn", "fullname"],
  email: ["epost", "epostadresse", "email", "mail"],
  phone: ["telefon", "tlf", "mobil", "mobiltelefon", "phone"],
  title: ["stilling", "tittel", "title", "jobtitle"],
  unit: ["enhet", "avdeling", "unit"],
  roles: ["roller", "rolle", "roles", "role"],
  identity: ["fodselsnummer", "fnr", "personnummer", "dnummer", "identitetsnummer", "identitynumber", "nationalidentitynumber"],
};

/** Roles a staff import may give: not residents' roles, and not the administrator's (given one by one). */
export const IMPORT_ROLES = ["STAFF", "COORDINATOR", "KE_CASE_OFFICER", "KE_LEADER", "UNIT_LEADER"] as const satisfies readonly Role[];

const simplify = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ø/gi, "o")
    .replace(/æ/gi, "ae")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();

/** A role by its code ("COORDINATOR") or its name in either language ("Koordinator"). */
const ROLE_NAMES = new Map<string, Role>();
for (const role of ROLES) {
  ROLE_NAMES.set(simplify(role), role);
  for (const lang of ["nb", "en"] as const) ROLE_NAMES.set(simplify(resources[lang].translation.roles[role]), role);
}
ROLE_NAMES.set("ansatt", "STAFF");
ROLE_NAMES.set("leder", "UNIT_LEADER");

const emailSchema = z.string().email().max(254);

export async function importUsers(prisma: PrismaClient, actor: SessionUser, input: ImportUsersInput, meta: RequestMeta): Promise<ImportAnswer> {
  if (input.mode === "preview") {
    const { municipalityId } = await ADMIN_ONLY.resolve(prisma, actor);
    return { ...(await previewImport(prisma, municipalityId, input.csv)), saved: 0, sealedCsv: sealFile(municipalityId, input.csv) };
  }
  return write(prisma, actor, meta, ADMIN_ONLY, "user.import", async (tx, { municipalityId }) => {
    const csv = unsealFile(municipalityId, input.sealedCsv);
    const preview = await previewImport(tx, municipalityId, csv);
    // Nothing is saved unless every line can be: the preview comes back with the refusal.
    if (!preview.valid) throw new DomainError("BAD_REQUEST", "adm.import.notSaved", {}, { preview: { ...preview, saved: 0, sealedCsv: input.sealedCsv } });
    const units = await unitsByName(tx, municipalityId);
    const created: string[] = [];
    for (const line of preview.lines) {
      const unitId = line.unit ? units.get(line.unit.toLocaleLowerCase("nb"))!.id : null;
      const identity = identityOf(line);
      const user = await tx.user
        .create({
          data: {
            municipalityId,
            name: line.name,
            email: line.email,
            phone: line.phone,
            title: line.title,
            unitId,
            ...(identity ? protectIdentityNumber(identity) : {}),
            roles: { create: roleRows(line.roles, unitId) },
          },
          select: { id: true },
        })
        // Someone saved the same address or number since the check: the unique index answers.
        .catch(duplicateRefusal);
      created.push(user.id);
    }
    return {
      result: { ...preview, saved: created.length, sealedCsv: null },
      target: { type: "municipality", id: municipalityId },
      details: { count: created.length, userIds: created },
    };
  });
}

// The identity numbers read from the file, by line: kept on the server between reading and saving.
const identities = new WeakMap<ImportLine, string>();
const identityOf = (line: ImportLine) => identities.get(line) ?? null;

async function unitsByName(tx: Tx, municipalityId: string) {
  const units = await tx.unit.findMany({ where: { municipalityId }, select: { id: true, name: true, closedAt: true } });
  return new Map(units.map((u) => [u.name.toLocaleLowerCase("nb"), u]));
}

/** Reads the file and checks every line against the file itself and the municipality's people and units. */
export async function previewImport(tx: Tx, municipalityId: string, csv: string): Promise<Omit<ImportPreview, "saved">> {
  const table = parseCsv(csv);
  const fileErrors: ImportMessage[] = [];
  const columns = new Map<Column, number>();
  table.header.forEach((name, index) => {
    const simple = simplify(name);
    const column = (Object.keys(COLUMN_NAMES) as Column[]).find((c) => COLUMN_NAMES[c].includes(simple));
    if (!column) {
      if (simple) fileErrors.push({ key: "adm.import.unknownColumn", params: { column: name } });
    } else if (columns.has(column)) fileErrors.push({ key: "adm.import.columnTwice", params: { column: name } });
    else columns.set(column, index);
  });
  if (!columns.has("name")) fileErrors.push({ key: "adm.import.nameColumnMissing" });
  if (!columns.has("email") && !columns.has("identity")) fileErrors.push({ key: "adm.import.signInColumnMissing" });
  if (table.unterminatedQuoteAt !== null) fileErrors.push({ key: "adm.import.unterminatedQuote", params: { line: table.unterminatedQuoteAt } });
  if (table.records.length === 0) fileErrors.push({ key: "adm.import.empty" });
  if (table.records.length > MAX_IMPORT_LINES) fileErrors.push({ key: "adm.import.tooManyLines", params: { max: MAX_IMPORT_LINES } });
  if (fileErrors.length) return { fileErrors, lines: [], valid: false };

  const units = await unitsByName(tx, municipalityId);
  const lines = table.records.map((record) => {
    const cell = (column: Column) => {
      const index = columns.get(column);
      const value = index === undefined ? "" : (record.fields[index] ?? "").trim();
      return value;
    };
    const errors: ImportMessage[] = [];
    if (record.fields.length > table.header.length) errors.push({ key: "adm.import.tooManyFields", params: { found: record.fields.length, expected: table.header.length } });

    const name = cell("name");
    if (name.length < 2) errors.push({ key: "adm.import.nameMissing" });
    else if (name.length > 200) errors.push({ key: "adm.import.tooLong", params: { column: "navn", max: 200 } });

    const rawEmail = cell("email");
    const email = normaliseEmail(rawEmail);
    if (email && !emailSchema.safeParse(email).success) errors.push({ key: "adm.import.emailInvalid", params: { email: rawEmail.slice(0, 100) } });

    const rawIdentity = cell("identity");
    let identity: string | null = null;
    if (rawIdentity) {
      const parsed = parseIdentityNumber(rawIdentity, { allowSynthetic: allowSyntheticNumbers() });
      if (parsed.ok) identity = parsed.number.value;
      else errors.push({ key: `identity.problem.${parsed.problem}` });
    }
    if (!email && !rawIdentity) errors.push({ key: "adm.import.noWayToSignIn" });

    const phone = cell("phone");
    if (phone.length > 40) errors.push({ key: "adm.import.tooLong", params: { column: "telefon", max: 40 } });
    const title = cell("title");
    if (title.length > 200) errors.push({ key: "adm.import.tooLong", params: { column: "stilling", max: 200 } });

    const unitName = cell("unit");
    const unit = unitName ? units.get(unitName.toLocaleLowerCase("nb")) : undefined;
    if (unitName && !unit) errors.push({ key: "adm.import.unitUnknown", params: { unit: unitName.slice(0, 100) } });
    else if (unit?.closedAt) errors.push({ key: "adm.import.unitClosed", params: { unit: unit.name } });

    const roles: Role[] = [];
    for (const word of cell("roles").split(/[|,+/;]/).map((w) => w.trim()).filter(Boolean)) {
      const role = ROLE_NAMES.get(simplify(word));
      if (!role) errors.push({ key: "adm.import.roleUnknown", params: { role: word.slice(0, 60) } });
      else if (!isOneOf(IMPORT_ROLES, role)) errors.push({ key: "adm.import.roleNotAllowed", params: { role: word.slice(0, 60) } });
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.length === 0 && !errors.some((e) => e.key.startsWith("adm.import.role"))) roles.push("STAFF");
    if (roles.includes("UNIT_LEADER") && !unit) errors.push({ key: "adm.import.leaderNeedsUnit" });

    const line: ImportLine = {
      line: record.line,
      name: name.slice(0, 200),
      email,
      phone: phone || null,
      title: title || null,
      unit: unit?.name ?? (unitName || null),
      roles,
      identityMasked: identity ? maskIdentityNumber(identity) : null,
      errors,
    };
    if (identity) identities.set(line, identity);
    return line;
  });

  // The same person twice in the file, and people who already have an account.
  const firstWith = (key: (l: ImportLine) => string | null) => {
    const seen = new Map<string, number>();
    return (l: ImportLine) => {
      const value = key(l);
      if (!value) return null;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, l.line);
      return first ?? null;
    };
  };
  const emailSeen = firstWith((l) => l.email);
  const identitySeen = firstWith((l) => identityOf(l));
  for (const line of lines) {
    const emailFirst = emailSeen(line);
    if (emailFirst !== null) line.errors.push({ key: "adm.import.emailTwice", params: { line: emailFirst } });
    const identityFirst = identitySeen(line);
    if (identityFirst !== null) line.errors.push({ key: "adm.import.identityTwice", params: { line: identityFirst } });
  }
  const emails = lines.map((l) => l.email).filter((e): e is string => e !== null);
  const takenEmails = new Set(
    emails.length ? (await tx.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email) : [],
  );
  const hashes = new Map(lines.flatMap((l) => (identityOf(l) ? [[identityHash(identityOf(l)!), l] as const] : [])));
  const takenHashes = new Set(
    hashes.size ? (await tx.user.findMany({ where: { municipalityId, identityHash: { in: [...hashes.keys()] } }, select: { identityHash: true } })).map((u) => u.identityHash) : [],
  );
  for (const line of lines) {
    if (line.email && takenEmails.has(line.email)) line.errors.push({ key: "adm.import.emailTaken", params: { email: line.email } });
    const identity = identityOf(line);
    if (identity && takenHashes.has(identityHash(identity))) line.errors.push({ key: "adm.import.identityTaken" });
  }

  return { fileErrors, lines, valid: lines.length > 0 && lines.every((l) => l.errors.length === 0) };
}
