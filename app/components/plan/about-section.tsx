import { useTranslation } from "react-i18next";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import { ABOUT_FIELDS } from "../../domain/lists.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { Comments } from "./comments.tsx";
import { Heading } from "./shared.tsx";

interface AboutSectionProps {
  plan: PlanView;
  /** Heading level of the section's title. */
  level?: number;
  /** Plain words for the service user ("Min plan") instead of the workspace's. */
  plain?: boolean;
  showComments?: boolean;
}

/**
 * "Om meg / Hva er viktig for meg": the user's own words, four shared texts. The user and
 * their representative write here (together, live, saved as they type); everyone else reads
 * the live text, and may comment.
 */
export function AboutSection({ plan, level = 2, plain = false, showComments = true }: AboutSectionProps) {
  const { t } = useTranslation();
  const headingId = "about-heading";
  const canEdit = plan.access.canEditAbout;
  // Without JavaScript each text says that writing needs it; no promise of saving here.
  const hydrated = useHydrated();
  const intro = canEdit ? (hydrated ? t("about.autosaveHint") : null) : t("about.readOnlyHint");
  return (
    <section id="om-meg" aria-labelledby={headingId} className="card section">
      <Heading level={level} id={headingId}>
        {t("about.title")}
      </Heading>
      {intro ? <p className="hint">{intro}</p> : null}
      <div className="stack">
        {ABOUT_FIELDS.map((field) => {
          const documentName = collabDocument.about(plan.id, field);
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
