import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mergedValue, trueConflicts, type FormResult } from "../../lib/form-result.ts";
import { ABOUT_FIELDS, type AboutField, type PlanView } from "../../lib/plan-types.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { AutosaveField } from "../autosave-field.tsx";
import { Comments } from "./comments.tsx";
import { Heading, Prose, SaveOutcome } from "./shared.tsx";

interface AboutSectionProps {
  plan: PlanView;
  /** Heading level of the section's title. */
  level?: number;
  /** Plain words for the service user ("Min plan") instead of the workspace's. */
  plain?: boolean;
  showComments?: boolean;
}

/**
 * "Om meg / Hva er viktig for meg": the user's own words. The user and their representative
 * write here (each text saves itself); everyone else reads, and may comment.
 */
export function AboutSection({ plan, level = 2, plain = false, showComments = true }: AboutSectionProps) {
  const { t } = useTranslation();
  const headingId = "about-heading";
  return (
    <section id="om-meg" aria-labelledby={headingId} className="card section">
      <Heading level={level} id={headingId}>
        {t("about.title")}
      </Heading>
      {plan.access.canEditAbout ? (
        <AboutForm plan={plan} plain={plain} />
      ) : (
        <>
          <p className="hint">{t("about.readOnlyHint")}</p>
          {ABOUT_FIELDS.map((field) => (
            <div key={field} className="about-text">
              <Heading level={level + 1}>{t(`about.${field}`)}</Heading>
              <Prose text={plan[field]} empty={t("about.emptyOther")} />
            </div>
          ))}
        </>
      )}
      {showComments ? <Comments plan={plan} targetType="about" level={level + 1} anchor="om-meg" /> : null}
    </section>
  );
}

function AboutForm({ plan, plain }: { plan: PlanView; plain: boolean }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const actionData = useActionData<FormResult>();
  // Without JavaScript the whole form is posted; refused because someone else saved first,
  // the page comes back with the person's own texts in the fields and the current ones shown.
  const refused = actionData?.formId === "about" && !actionData.ok ? actionData : undefined;
  const current = refused?.conflict ?? null;
  const version = current ? Number(current.version) : plan.version;
  const saved = (field: AboutField) => (current ? String(current[field] ?? "") : plan[field]);
  const clashes = refused && current ? trueConflicts(refused, Object.fromEntries(ABOUT_FIELDS.map((f) => [f, saved(f)])), [...ABOUT_FIELDS]) : [];
  const endpoint = `/planer/${plan.id}/lagre`;
  return (
    <form method="post" className="stack" aria-describedby="about-autosave-hint">
      <input type="hidden" name="intent" value="about" />
      <input type="hidden" name="planId" value={plan.id} />
      <input type="hidden" name="_formId" value="about" />
      <input type="hidden" name="_anchor" value="om-meg" />
      <input type="hidden" name="version" value={version} />
      {ABOUT_FIELDS.map((field) => (
        <input key={field} type="hidden" name={`_orig.${field}`} value={saved(field)} />
      ))}
      <p id="about-autosave-hint" className="hint">
        {hydrated ? t("about.autosaveHint") : t("about.saveHint")}
      </p>
      <SaveOutcome refusedMessage={refused?.message} conflict={Boolean(current)} clashes={clashes.length} />
      {ABOUT_FIELDS.map((field) => (
        <AutosaveField
          key={field}
          id={`about-${field}`}
          name={field}
          label={t(`about.${field}`)}
          hint={t(plain ? `about.plainHint.${field}` : `about.hint.${field}`)}
          endpoint={endpoint}
          storageKey={`ip-utkast:${plan.id}:${plan.viewer.id}:${field}`}
          serverValue={plan[field]}
          serverVersion={plan.version}
          payload={{ field }}
          fallback={
            refused?.values && current
              ? { mine: mergedValue(refused, field, saved(field)), theirs: saved(field), conflict: clashes.includes(field) }
              : null
          }
        />
      ))}
      {hydrated ? null : (
        <button type="submit" className="button-primary">
          {t("about.save")}
        </button>
      )}
    </form>
  );
}
