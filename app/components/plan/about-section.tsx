import { useTranslation } from "../../i18n/use-translation.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import { ABOUT_FIELDS } from "../../domain/lists.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { StoredText } from "../collab/stored-text.tsx";
import { Comments } from "./comments.tsx";
import { EditToggle, useInPlace } from "./in-place.tsx";
import { Heading } from "./shared.tsx";

interface AboutSectionProps {
  plan: PlanView;
  /** Heading level of the section's title. */
  level?: number;
  /** Plain words for the service user ("Min plan") instead of the workspace's. */
  plain?: boolean;
  showComments?: boolean;
  /** The plan read as a document: the user's own texts open for writing with "Endre" ("Min plan" keeps them open). */
  inPlace?: boolean;
}

/**
 * "Om meg / Hva er viktig for meg": the user's own words, four shared texts. The user and
 * their representative write here (together, live, saved as they type); everyone else reads
 * the live text, and may comment.
 */
export function AboutSection({ plan, level = 2, plain = false, showComments = true, inPlace = false }: AboutSectionProps) {
  const { t } = useTranslation();
  const headingId = "about-heading";
  const canEdit = plan.access.canEditAbout;
  // Without JavaScript each text says that writing needs it; no promise of saving here.
  const hydrated = useHydrated();
  const edit = useInPlace("om-meg");
  const reading = inPlace && canEdit && !edit.open;
  const intro = canEdit ? (hydrated && !reading ? t("about.autosaveHint") : null) : t("about.readOnlyHint");
  return (
    <section id="om-meg" aria-labelledby={headingId} className="card section">
      <div className="item-head">
        <Heading level={level} id={headingId}>
          {t("about.title")}
        </Heading>
        {inPlace && canEdit ? (
          <div className="item-actions">
            <EditToggle state={edit} label={t("about.title")} />
          </div>
        ) : null}
      </div>
      {intro ? <p className="hint">{intro}</p> : null}
      <div className="stack">
        {ABOUT_FIELDS.map((field) => {
          const documentName = collabDocument.about(plan.id, field);
          if (reading) {
            return (
              <div key={field} className="collab-field">
                <Heading level={level + 1}>{t(`about.${field}`)}</Heading>
                <StoredText html={storedHtml(plan, documentName)} text={plan[field]} />
              </div>
            );
          }
          return (
            <CollabEditor
              key={field}
              id={`about-${field}`}
              documentName={documentName}
              label={t(`about.${field}`)}
              headingLevel={level + 1}
              hint={t(plain ? `about.plainHint.${field}` : `about.hint.${field}`)}
              html={storedHtml(plan, documentName)}
              text={plan[field]}
              empty={canEdit ? undefined : t("about.emptyOther")}
              canEdit={canEdit}
              viewer={plan.viewer}
              quietReadOnly
            />
          );
        })}
      </div>
      {showComments ? <Comments plan={plan} targetType="about" level={level + 1} anchor="om-meg" /> : null}
    </section>
  );
}
