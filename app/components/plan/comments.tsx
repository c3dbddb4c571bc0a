import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDateTime } from "../../domain/oslo-time.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useLang } from "../../lib/use-lang.ts";
import { FormDisclosure, PlanFormElement, Submit, TextArea } from "../form.tsx";
import { DeleteItem } from "./item-actions.tsx";
import { Heading, useAuthor } from "./shared.tsx";

interface CommentsProps {
  plan: PlanView;
  targetType: "about" | "goal" | "measure";
  targetId?: string;
  level: number;
  anchor: string;
}

/** Comments on one part of the plan, and a form to add one (for those who may comment). */
export function Comments({ plan, targetType, targetId, level, anchor }: CommentsProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const author = useAuthor(plan);
  const comments = plan.comments.filter((c) => c.targetType === targetType && (c.targetId ?? undefined) === targetId);
  if (!comments.length && !plan.access.canComment) return null;
  const headingId = `${anchor}-comments`;
  return (
    <details className="comments sub-part">
      <summary>
        <Heading level={level} id={headingId}>
          {t(`comments.title.${targetType}`)} ({comments.length})
        </Heading>
      </summary>
      {comments.length ? (
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="meta">
                <span className="person-name-small">{capitalise(author(c.authorId))}</span>,{" "}
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
              </p>
              <p className="prose">{c.body}</p>
              {plan.access.canComment && c.authorId === plan.viewer.id ? <DeleteItem kind="comment" id={c.id} label={c.body.slice(0, 40)} anchor={anchor} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {plan.access.canComment ? <CommentForm targetType={targetType} targetId={targetId} anchor={anchor} /> : null}
    </details>
  );
}

function CommentForm({ targetType, targetId, anchor }: { targetType: string; targetId?: string; anchor: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`comment-${targetType}-${targetId ?? "plan"}`);
  return (
    <FormDisclosure form={form} summary={t("comments.add")}>
      <PlanFormElement form={form} intent="comment" anchor={anchor} hidden={{ targetType, ...(targetId ? { targetId } : {}) }}>
        <TextArea form={form} name="body" label={t("comments.body")} hint={t("comments.bodyHint")} required rows={3} />
        <Submit form={form}>{t("comments.submit")}</Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
