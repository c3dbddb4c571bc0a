import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { ACCESS_LEVELS, PARTICIPANT_KINDS } from "../../domain/lists.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { InvitationResult } from "../../lib/invitation-actions.server.ts";
import type { ParticipantView, PlanView } from "../../lib/plan-types.ts";
import { FormDisclosure, PlanFormElement, SelectField, Submit, TextArea, TextField } from "../form.tsx";
import { ConsentStatus, ParticipantConsentControls, PlanConsent } from "./consent.tsx";
import { PlanSection } from "./in-place.tsx";

export interface PersonOption {
  id: string;
  name: string;
  detail?: string | null;
}

/** The responsibility group: who takes part, what each contributes, their rights and consent. */
export function ParticipantsSection({ plan, people, search }: { plan: PlanView; people: PersonOption[]; search: string }) {
  const { t } = useTranslation();
  const active = plan.participants.filter((p) => p.active);
  const former = plan.participants.filter((p) => !p.active);
  return (
    <PlanSection id="deltakere" headingId="participants-heading" open={false} title={t("participant.sectionTitle")}>
      <p className="hint">{t("participant.sectionHint")}</p>
      {active.length ? (
        <ul className="participant-list">
          {active.map((p) => (
            <ParticipantItem key={p.id} plan={plan} participant={p} />
          ))}
        </ul>
      ) : (
        <p className="empty">{t("participant.none")}</p>
      )}
      {plan.access.canManageParticipants ? <PersonSearch search={search} found={people.length} /> : null}
      {plan.access.canManageParticipants ? <ParticipantAddForm plan={plan} people={people} /> : null}
      <PlanConsent plan={plan} />
      {former.length ? (
        <details className="disclosure">
          <summary>{t("participant.former", { count: former.length })}</summary>
          <ul className="participant-list disclosure-body">
            {former.map((p) => (
              <ParticipantItem key={p.id} plan={plan} participant={p} />
            ))}
          </ul>
        </details>
      ) : null}
    </PlanSection>
  );
}

function participantValues(p: Record<string, unknown>): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    organisation: s(p.organisation),
    contribution: s(p.contribution),
    phone: s(p.phone),
    email: s(p.email),
    access: s(p.access),
    legalBasis: s(p.legalBasis),
  };
}

function ParticipantItem({ plan, participant: p }: { plan: PlanView; participant: ParticipantView }) {
  const { t } = useTranslation();
  const anchor = `participant-${p.id}`;
  const { canManageParticipants, canDecideConsent } = plan.access;
  // Only the user's side may change a representative.
  const canManage = canManageParticipants && (p.kind !== "REPRESENTATIVE" || canDecideConsent);
  const phone = p.phone ?? p.user?.phone;
  const email = p.email ?? p.user?.email;
  return (
    <li id={anchor} className={p.active ? "participant" : "participant participant-former"}>
      <h3 className="person-name">{p.name}</h3>
      <p className="person-role">
        {t(`plan.kind.${p.kind}`)}
        {p.organisation ? `, ${p.organisation}` : ""}
        {p.user ? "" : ` – ${t("participant.noAccount")}`}
      </p>
      <dl className="facts">
        {p.contribution ? (
          <div className="facts-row">
            <dt>{t("participant.field.contribution")}</dt>
            <dd>{p.contribution}</dd>
          </div>
        ) : null}
        {phone || email ? (
          <div className="facts-row">
            <dt>{t("participant.contact")}</dt>
            <dd>
              {phone ? <a href={`tel:${phone.replace(/\s/g, "")}`}>{phone}</a> : null}
              {phone && email ? ", " : null}
              {email ? <a href={`mailto:${email}`}>{email}</a> : null}
            </dd>
          </div>
        ) : null}
        <div className="facts-row">
          <dt>{t("participant.field.access")}</dt>
          <dd>{t(`participant.access.${p.access}`)}</dd>
        </div>
        {p.legalBasis ? (
          <div className="facts-row">
            <dt>{t("participant.field.legalBasis")}</dt>
            <dd>{p.legalBasis}</dd>
          </div>
        ) : null}
        <div className="facts-row">
          <dt>{t("consent.label")}</dt>
          <dd>
            <ConsentStatus participant={p} />
          </dd>
        </div>
      </dl>
      {p.active && canDecideConsent && p.kind !== "REPRESENTATIVE" ? <ParticipantConsentControls participant={p} /> : null}
      {canManage && p.active && !p.user && p.kind !== "REPRESENTATIVE" ? <InviteForm participant={p} /> : null}
      {canManage ? <ParticipantEdit participant={p} /> : null}
    </li>
  );
}

/**
 * Someone from outside (GP, school, NAV) is invited to the portal by e-mail: a one-time link, valid
 * for 7 days, that binds their sign-in to this row. Without e-mail set up, the link is shown here
 * to copy. They see the plan only once the user has consented to them: a consent given to the
 * row before ends when the link is accepted. A row with an address is invited at that address.
 */
function InviteForm({ participant: p }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  const form = usePlanForm(`participant-invite-${p.id}`, { values: { email: p.email ?? "" } });
  const answer = form.result as InvitationResult | undefined;
  const invitation = answer?.ok ? answer.invitation : undefined;
  const linkId = `invite-link-${p.id}`;
  return (
    <>
      {invitation ? (
        <div role="status" className={invitation.emailed ? "alert alert-success" : "alert alert-info"}>
          <p>{answer?.message}</p>
          {invitation.link ? (
            <div className="field">
              <label htmlFor={linkId}>{t("invitation.link")}</label>
              <input id={linkId} type="text" readOnly value={invitation.link} onFocus={(event) => event.currentTarget.select()} />
            </div>
          ) : null}
        </div>
      ) : null}
      <FormDisclosure form={form} summary={t("invitation.heading", { name: p.name })}>
        <PlanFormElement form={form} intent="participant-invite" anchor={`participant-${p.id}`} hidden={{ participantId: p.id }}>
          <p className="hint">{t("invitation.hint")}</p>
          {p.hasValidConsent ? <p className="hint">{t("invitation.consentAgain")}</p> : null}
          <TextField
            form={form}
            name="email"
            type="email"
            label={t("invitation.email")}
            hint={p.email ? t("invitation.emailFixed") : undefined}
            required
            autoComplete="email"
          />
          <Submit form={form}>{t("invitation.submit")}</Submit>
        </PlanFormElement>
      </FormDisclosure>
    </>
  );
}

function ParticipantEdit({ participant: p }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  const labels = {
    organisation: t("participant.field.organisation"),
    contribution: t("participant.field.contribution"),
    phone: t("participant.field.phone"),
    email: t("participant.field.email"),
    access: t("participant.field.access"),
    legalBasis: t("participant.field.legalBasis"),
  };
  const edit = usePlanForm(`participant-${p.id}`, { version: p.version, values: participantValues(p), toValues: participantValues });
  const toggle = usePlanForm(`participant-active-${p.id}`, { version: p.version, values: {} });
  const anchor = `participant-${p.id}`;
  return (
    <div className="participant-actions">
      {p.active ? (
        <FormDisclosure form={edit} summary={t("participant.edit", { name: p.name })}>
          <PlanFormElement
            form={edit}
            intent="participant-update"
            anchor={anchor}
            hidden={{ participantId: p.id }}
            conflictLabels={labels}
            describeValue={(name, value) => (name === "access" && value ? t(`participant.access.${value}`) : value)}
          >
            <SelectField
              form={edit}
              name="access"
              label={labels.access}
              hint={t("participant.accessHint")}
              options={ACCESS_LEVELS.map((a) => ({ value: a, label: t(`participant.access.${a}`) }))}
            />
            <TextField form={edit} name="organisation" label={labels.organisation} optional />
            <TextArea form={edit} name="contribution" label={labels.contribution} optional rows={2} />
            <div className="grid-2">
              <TextField form={edit} name="phone" type="tel" label={labels.phone} optional />
              <TextField form={edit} name="email" type="email" label={labels.email} optional />
            </div>
            {p.kind === "REPRESENTATIVE" ? <TextField form={edit} name="legalBasis" label={labels.legalBasis} required /> : null}
            <Submit form={edit}>{t("common.save")}</Submit>
          </PlanFormElement>
        </FormDisclosure>
      ) : null}
      {p.active ? (
        <FormDisclosure form={toggle} summary={t("participant.remove", { name: p.name })}>
          <PlanFormElement form={toggle} intent="participant-active" anchor={anchor} hidden={{ participantId: p.id, active: "false" }}>
            <p>{t("participant.removeWarning", { name: p.name })}</p>
            <Submit form={toggle} variant="danger">
              {t("participant.removeSubmit")}
            </Submit>
          </PlanFormElement>
        </FormDisclosure>
      ) : (
        <PlanFormElement form={toggle} intent="participant-active" anchor={anchor} hidden={{ participantId: p.id, active: "true" }} className="inline-form">
          <Submit form={toggle} variant="secondary">
            {t("participant.restore", { name: p.name })}
          </Submit>
        </PlanFormElement>
      )}
    </div>
  );
}

/** Finds people with an account (staff, relatives) by name or e-mail, to choose in the form below. */
function PersonSearch({ search, found }: { search: string; found: number }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="person-search" preventScrollReset>
      <div className="field">
        <label htmlFor="person-search">{t("participant.searchLabel")}</label>
        <p id="person-search-hint" className="hint">
          {t("participant.searchHint")}
        </p>
        <div className="inline-fields">
          <input id="person-search" name="finn" type="search" minLength={2} maxLength={100} defaultValue={search} aria-describedby="person-search-hint" />
          <button type="submit" className="button-secondary-dark">
            {t("participant.searchSubmit")}
          </button>
        </div>
      </div>
      {search.length >= 2 ? (
        <p role="status" className="hint">
          {found ? t("participant.searchFound", { count: found }) : t("participant.searchNone")}
        </p>
      ) : null}
    </Form>
  );
}

function ParticipantAddForm({ plan, people }: { plan: PlanView; people: PersonOption[] }) {
  const { t } = useTranslation();
  const form = usePlanForm("participant-add", { values: { access: "READ", kind: "PROVIDER" } });
  const kinds = PARTICIPANT_KINDS.filter((k) => k !== "REPRESENTATIVE" || plan.access.canDecideConsent);
  const taken = new Set(plan.participants.filter((p) => p.active && p.user).map((p) => p.user!.id));
  const choosable = people.filter((p) => !taken.has(p.id) && p.id !== plan.owner.id);
  return (
    <FormDisclosure form={form} summary={t("participant.add")}>
      <PlanFormElement form={form} intent="participant-add" anchor="deltakere">
        <SelectField
          form={form}
          name="kind"
          label={t("participant.field.kind")}
          required
          options={kinds.map((k) => ({ value: k, label: t(`plan.kind.${k}`) }))}
        />
        <fieldset className="fieldset">
          <legend>{t("participant.who")}</legend>
          {choosable.length ? (
            <SelectField
              form={form}
              name="userId"
              label={t("participant.field.user")}
              hint={t("participant.userHint")}
              optional
              options={choosable.map((p) => ({ value: p.id, label: p.detail ? `${p.name} (${p.detail})` : p.name }))}
              empty={t("participant.noUserChosen")}
            />
          ) : (
            <p className="hint">{t("participant.noCandidates")}</p>
          )}
          <TextField form={form} name="displayName" label={t("participant.field.displayName")} hint={t("participant.displayNameHint")} optional />
        </fieldset>
        <TextField form={form} name="organisation" label={t("participant.field.organisation")} optional />
        <TextArea form={form} name="contribution" label={t("participant.field.contribution")} hint={t("participant.contributionHint")} optional rows={2} />
        <div className="grid-2">
          <TextField form={form} name="phone" type="tel" label={t("participant.field.phone")} optional />
          <TextField form={form} name="email" type="email" label={t("participant.field.email")} optional />
        </div>
        <SelectField
          form={form}
          name="access"
          label={t("participant.field.access")}
          hint={t("participant.accessHint")}
          options={ACCESS_LEVELS.map((a) => ({ value: a, label: t(`participant.access.${a}`) }))}
        />
        <TextField form={form} name="legalBasis" label={t("participant.field.legalBasis")} hint={t("participant.legalBasisHint")} optional />
        <Submit form={form}>{t("participant.addSubmit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}
