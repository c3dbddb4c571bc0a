// Every audit action, once: what kind of event it is, whether it is activity in a plan, and how
// the access log says it in plain words. The server writes only these actions (recordAudit takes
// an AuditAction), the database stores the kind beside each row, and "Hvem har sett planen min"
// names rows through this table, so a new action cannot be written without its wording.
// Modelled on documenso's typed document audit logs.

/**
 * READ: someone saw plan content or a case. CHANGE: something was written. ACCESS: who may see
 * the plan changed (participants, consent, coordinator, guests). ADMIN: the municipality's
 * settings. SIGN_IN: signing in and out, passwords.
 */
export const AUDIT_KINDS = ["READ", "CHANGE", "ACCESS", "ADMIN", "SIGN_IN"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

interface ActionDefinition {
  kind: AuditKind;
  /**
   * A change in the plan itself: it moves the plan's last activity, and when the user or their
   * representative made it, it is "new from the user" for the coordinator. Reads never are.
   */
  planActivity: boolean;
  nb: string;
  en: string;
}

// Each keeps its kind as a literal type, so ReadAction and ChangeAction below are exact.
const define =
  <K extends AuditKind>(kind: K, planActivity: boolean) =>
  (nb: string, en: string): ActionDefinition & { kind: K } => ({ kind, planActivity, nb, en });
const read = define("READ", false);
const change = define("CHANGE", true);
const access = define("ACCESS", true);
/** Written, but not work in the plan (a case's handling, one's own settings). */
const record = define("CHANGE", false);
const admin = define("ADMIN", false);
const signIn = define("SIGN_IN", false);

export const AUDIT_ACTIONS = {
  // Reading
  "plan.view": read("Åpnet planen", "Opened the plan"),
  "plan.questions.view": read("Leste spørsmål fra koordinerende enhet om planen", "Read questions from the coordinating unit about the plan"),
  "plan.text.open": read("Leste en tekst i planen", "Read a text in the plan"),
  "plan.live.join": read("Fulgte planen direkte", "Followed the plan live"),
  // Lists with the names of people the reader shares no plan with (the coordinating unit's).
  "plan.deleted.view": read("Så hva som er slettet i planen", "Looked at what was deleted in the plan"),
  "plan.list": read("Så listen over alle planer", "Looked at the list of all plans"),
  "dashboard.list": read("Så en liste bak et tall på oversikten", "Looked at a list behind a dashboard figure"),
  "dashboard.export": read("Lastet ned en liste fra oversikten", "Downloaded a list from the dashboard"),
  "case.list": read("Så listen over saker", "Looked at the list of cases"),
  "search.plans": read("Søkte etter planer", "Searched for plans"),
  "search.cases": read("Søkte etter saker", "Searched for cases"),
  "plan.search": read("Søkte i planen", "Searched in the plan"),
  "case.documents": read("Så dokumentene i en sak", "Looked at the documents of a case"),
  "measure.mine.view": read("Så tiltakene sine i planen", "Saw their measures in the plan"),
  "meeting.view": read("Så på et møte", "Looked at a meeting"),
  "meeting.list": read("Så på møtene", "Looked at the meetings"),
  "meeting.ics": read("Lastet ned en møteinnkalling", "Downloaded a meeting invitation"),
  "meeting.tasks.mine.view": read("Så oppgavene sine fra møter", "Saw their tasks from meetings"),
  "audit.view": read("Så hvem som har sett planen", "Looked at who has seen the plan"),
  "audit.export": read("Lastet ned oversikten over hvem som har sett planen", "Downloaded the list of who has seen the plan"),
  "case.view": read("Åpnet en sak", "Opened a case"),
  "case.document_view": read("Åpnet et dokument i en sak", "Opened a document in a case"),
  "plan.archive.download": read("Lastet ned en arkivkopi av planen", "Downloaded an archive copy of the plan"),
  "plan.documents": read("Så listen over dokumenter i planen", "Looked at the list of documents in the plan"),
  "assessment.view": read("Så kartleggingen", "Looked at the assessment"),
  "assessment.register_export": read("Lastet ned opplysninger til det nasjonale registeret", "Downloaded the data for the national register"),
  "plan.document_view": read("Lastet ned et dokument i planen", "Downloaded a document in the plan"),

  // The plan
  "plan.update": change("Endret status eller datoer", "Changed the status or dates"),
  "plan.close": change("Avsluttet planen", "Closed the plan"),
  "plan.reopen": change("Åpnet planen igjen etter at den var avsluttet", "Reopened the plan after it was closed"),
  // Written before "Om meg" became a co-edited text; kept so older rows read right.
  "plan.update_about": change("Endret «Om meg»", "Changed “About me”"),
  "plan.text.edit": change("Skrev i en tekst i planen", "Wrote in a text in the plan"),
  "goal.create": change("La til et mål", "Added a goal"),
  "goal.update": change("Endret et mål", "Changed a goal"),
  "measure.create": change("La til et tiltak", "Added a measure"),
  "measure.update": change("Endret et tiltak", "Changed a measure"),
  "evaluation.create": change("Skrev en evaluering", "Wrote an evaluation"),
  "comment.create": change("Skrev en kommentar", "Wrote a comment"),
  "log.create": change("Skrev i loggen", "Wrote in the log"),
  "service.add": change("La til en tjeneste", "Added a service"),
  // Written before services were soft-deleted with a reason (service.delete); kept for older rows.
  "service.remove": change("Fjernet en tjeneste", "Removed a service"),
  "goal.delete": change("Slettet et mål", "Deleted a goal"),
  "goal.restore": change("Hentet tilbake et slettet mål", "Restored a deleted goal"),
  "goal.reorder": change("Endret rekkefølgen på målene", "Reordered the goals"),
  "measure.delete": change("Slettet et tiltak", "Deleted a measure"),
  "measure.restore": change("Hentet tilbake et slettet tiltak", "Restored a deleted measure"),
  "measure.reorder": change("Endret rekkefølgen på tiltakene", "Reordered the measures"),
  "service.delete": change("Slettet en tjeneste", "Deleted a service"),
  "service.restore": change("Hentet tilbake en slettet tjeneste", "Restored a deleted service"),
  "log.delete": change("Slettet en loggføring", "Deleted a log entry"),
  "log.restore": change("Hentet tilbake en slettet loggføring", "Restored a deleted log entry"),
  "comment.delete": change("Slettet en kommentar", "Deleted a comment"),
  "comment.restore": change("Hentet tilbake en slettet kommentar", "Restored a deleted comment"),
  "assessment.record": change("Registrerte en kartlegging", "Recorded an assessment"),
  "assessment.own_view": change("Skrev hvordan brukeren selv ser det i kartleggingen", "Wrote the user's own view in the assessment"),
  "goal.variables": change("Knyttet et mål til kartleggingen", "Tied a goal to the assessment"),
  "plan.document_add": change("La til et dokument i planen", "Added a document to the plan"),
  "plan.document_delete": change("Slettet et dokument i planen", "Deleted a document in the plan"),
  // Not activity: the coordinator must not learn of it from "new from the user" (USER_SIDE_AND_KE_ONLY).
  "coordinator.request_change": record("Ba om ny koordinator", "Asked for another coordinator"),

  // Who may see the plan
  "participant.add": access("La til en deltaker", "Added a participant"),
  "participant.update": access("Endret en deltaker", "Changed a participant"),
  "participant.invite": access("Inviterte en deltaker til portalen", "Invited a participant to the portal"),
  "participant.invite_accept": access("Godtok en invitasjon til ansvarsgruppen", "Accepted an invitation to the responsibility group"),
  "consent.grant": access("Ga samtykke", "Gave consent"),
  "consent.withdraw": access("Trakk samtykke", "Withdrew consent"),
  "coordinator.assign": access("Oppnevnte koordinator", "Appointed a coordinator"),
  "meeting.guest.add": access("Inviterte en gjest til et møte", "Invited a guest to a meeting"),
  "meeting.guest.consent": access("Registrerte samtykke for en gjest", "Recorded consent for a guest"),

  // Meetings
  "meeting.create": change("Planla et møte", "Planned a meeting"),
  "meeting.update": change("Endret tid, sted eller hvem som er invitert til et møte", "Changed the time, place or invitees of a meeting"),
  "meeting.cancel": change("Avlyste et møte", "Cancelled a meeting"),
  "meeting.respond": change("Svarte på en møteinnkalling", "Answered a meeting invitation"),
  "meeting.agenda.add": change("La til en sak på sakslisten", "Added an item to the agenda"),
  "meeting.agenda.update": change("Endret en sak på sakslisten", "Changed an agenda item"),
  "meeting.agenda.remove": change("Fjernet en sak fra sakslisten", "Removed an agenda item"),
  "meeting.agenda.reorder": change("Endret rekkefølgen på sakslisten", "Reordered the agenda"),
  "meeting.attendance": change("Registrerte hvem som var på møtet", "Recorded who came to the meeting"),
  "meeting.task.create": change("La til en oppfølgingsoppgave", "Added a follow-up task"),
  "meeting.task.complete": change("Markerte en oppgave som ferdig", "Marked a task as done"),
  "minutes.approved": change("Godkjente referatet", "Approved the minutes"),
  "minutes.correction": change("La til en rettelse i referatet", "Added a correction to the minutes"),

  // Cases in the coordinating unit
  "case.create": record("Sendte en sak til koordinerende enhet", "Sent a case to the coordinating unit"),
  "case.assign": record("Fordelte en sak", "Assigned a case"),
  "case.note": record("Skrev et notat i en sak", "Wrote a note in a case"),
  "case.interim_reply": record("Sendte foreløpig svar i en sak", "Sent an interim reply in a case"),
  "case.decide": record("Fattet vedtak i en sak", "Decided a case"),
  "case.close": record("Avsluttet en sak", "Closed a case"),
  "case.link_subject": record("Koblet en sak til personens konto", "Linked a case to the person’s account"),
  "case.document_add": record("La et dokument til en sak", "Added a document to a case"),
  // Written before a decision recorded the plan it created in its own row; kept for older rows.
  "plan.create": record("Opprettet planen", "Created the plan"),
  "plan.purpose": record("Oppga hvorfor planen skulle leses", "Stated why the plan was to be read"),
  "plan.question": record("Koordinerende enhet spurte koordinatoren om planen", "The coordinating unit asked the coordinator about the plan"),
  "plan.question.reply": record("Svarte på et spørsmål fra koordinerende enhet", "Answered a question from the coordinating unit"),
  // Not work in the plan: allowed on a closed plan, and never moves its last activity (decision 027).
  "plan.archive": record("Laget en arkivkopi av planen", "Made an archive copy of the plan"),

  // One's own settings
  "notification.read": record("Merket varsler som lest", "Marked notifications as read"),
  "notification.settings": record("Endret varslingsinnstillinger", "Changed notification settings"),

  // Administration
  "planTemplate.update": admin("Endret malen for en plantype", "Changed the template of a plan type"),
  "assessment.codes": admin("Endret kodelisten for kartlegging", "Changed the code list for assessments"),
  "caseType.update": admin("Endret frister for en sakstype", "Changed the deadlines of a case type"),
  "user.activate": admin("Aktiverte en brukerkonto", "Activated an account"),
  "user.deactivate": admin("Deaktiverte en brukerkonto", "Deactivated an account"),
  "user.second_factor_reset": admin("Nullstilte andre innloggingsfaktor for en konto", "Reset an account's second sign-in factor"),
  "user.create": admin("Opprettet en brukerkonto", "Created an account"),
  "user.update": admin("Endret en brukerkonto eller rollene til en person", "Changed an account or a person’s roles"),
  "user.import": admin("Importerte ansatte fra en fil", "Imported staff from a file"),
  "unit.create": admin("Opprettet en enhet", "Created a unit"),
  "unit.update": admin("Endret, stengte eller åpnet en enhet, eller hvem som leder den", "Changed, closed or reopened a unit, or who leads it"),
  "municipality.update": admin("Endret kommunens innstillinger", "Changed the municipality’s settings"),
  "identityProvider.create": admin("La til en innloggingstjeneste", "Added a sign-in provider"),
  "identityProvider.update": admin("Endret en innloggingstjeneste", "Changed a sign-in provider"),

  // Signing in
  "auth.login": signIn("Logget inn", "Signed in"),
  "auth.login_failed": signIn("Mislykket innlogging", "Failed sign-in"),
  "auth.login_blocked": signIn("Innlogging sperret etter for mange forsøk", "Sign-in blocked after too many attempts"),
  "auth.logout": signIn("Logget ut", "Signed out"),
  "auth.password_changed": signIn("Byttet passord", "Changed the password"),
  "auth.password_failed": signIn("Feil nåværende passord ved passordbytte", "Wrong current password when changing the password"),
  // The second factor of a password sign-in (server/auth/second-factor.ts).
  "auth.password_accepted": signIn("Riktig passord, venter på engangskode", "Right password, waiting for the one-time code"),
  "auth.totp_enabled": signIn("Satte opp totrinnsinnlogging og logget inn", "Set up two-step sign-in and signed in"),
  "auth.login_recovery": signIn("Logget inn med en reservekode", "Signed in with a recovery code"),
  "auth.totp_failed": signIn("Feil engangskode ved innlogging", "Wrong one-time code when signing in"),
  "auth.recovery_codes_renewed": signIn("Lagde nye reservekoder", "Made new recovery codes"),
} as const satisfies Record<string, ActionDefinition>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
/** Actions that record someone seeing something. */
export type ReadAction = { [A in AuditAction]: (typeof AUDIT_ACTIONS)[A]["kind"] extends "READ" ? A : never }[AuditAction];
/** Actions that record something written (changes, access, administration, signing in). */
export type ChangeAction = Exclude<AuditAction, ReadAction>;

/**
 * Rows the group does not see, in the access log or live: only those for whom
 * `seesCoordinatorRequests` holds (the user's side and the coordinating unit).
 */
export const USER_SIDE_AND_KE_ONLY: readonly AuditAction[] = ["coordinator.request_change"];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export const auditKindOf = (action: AuditAction): AuditKind => AUDIT_ACTIONS[action].kind;

const ORDER = Object.keys(AUDIT_ACTIONS);
/** Sorts actions as the table lists them ("Åpnet planen" before "Så på møtene"). */
export const byTableOrder = (a: AuditAction, b: AuditAction) => ORDER.indexOf(a) - ORDER.indexOf(b);

/** Actions that are activity in a plan (see planActivity). */
export const PLAN_ACTIVITY_ACTIONS = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a].planActivity);

/** The i18n key an action's wording has in the catalogue (i18next splits keys at dots). */
export const auditActionKey = (action: AuditAction) => `audit.action.${action.replaceAll(".", "_")}`;

/** The catalogue section for one language, made from the table above. */
export function auditActionCatalogue(lang: "nb" | "en"): Record<string, string> {
  return Object.fromEntries((Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((a) => [a.replaceAll(".", "_"), AUDIT_ACTIONS[a][lang]]));
}
