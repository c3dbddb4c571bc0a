import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { formatDate } from "../../domain/oslo-time.ts";
import type { PlanView } from "../../lib/plan-types.ts";
import { useLang } from "../../lib/use-lang.ts";

/**
 * Who wrote something in the plan, as the reader should read it: "deg" for their own words,
 * else the name with their part in the plan ("Ola Nordmann (pårørende)").
 */
export function useAuthor(plan: Pick<PlanView, "authors" | "authorRoles" | "viewer">) {
  const { t } = useTranslation();
  return (authorId: string) => {
    if (authorId === plan.viewer.id) return t("plan.you");
    const name = plan.authors[authorId] ?? t("common.unknownPerson");
    const role = plan.authorRoles[authorId];
    return role ? t("plan.author", { name, role: t(`plan.authorRole.${role}`) }) : name;
  };
}

/** A heading at a level given by its place in the page; never deeper than h6. */
export function Heading({ level, id, className, children }: { level: number; id?: string; className?: string; children: ReactNode }) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as "h2";
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

export function StatusBadge({ kind, value, label }: { kind: string; value: string; label: string }) {
  return <span className={`badge badge-${kind}-${value.toLowerCase()}`}>{label}</span>;
}

/** A date, or "not set" in words. */
export function DateText({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  return <>{value ? formatDate(value, lang) : t("common.notSet")}</>;
}

/** A period in words: "1. mai 2026 – 1. mai 2027", "Fra 1. mai 2026", or "Ikke satt". */
export function Period({ from, to }: { from: string | null | undefined; to: string | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (from && to) return <>{`${formatDate(from, lang)} – ${formatDate(to, lang)}`}</>;
  if (from) return <>{t("common.fromDate", { date: formatDate(from, lang) })}</>;
  if (to) return <>{t("common.untilDate", { date: formatDate(to, lang) })}</>;
  return <>{t("common.notSet")}</>;
}

/** Text the person wrote, with line breaks kept; "not filled in" when empty. */
export function Prose({ text, empty }: { text: string | null | undefined; empty?: string }) {
  const { t } = useTranslation();
  if (!text?.trim()) return <p className="empty">{empty ?? t("common.empty")}</p>;
  return <p className="prose">{text}</p>;
}

export function scoreOptions(t: (key: string) => string) {
  return [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`goal.score.${n}`) }));
}

/**
 * What a plain (no-JavaScript) save of a text form came back with: a refusal, or a conflict
 * that could be merged without asking (real clashes are shown at each field instead).
 */
export function SaveOutcome({ refusedMessage, conflict, clashes }: { refusedMessage?: string; conflict: boolean; clashes: number }) {
  const { t } = useTranslation();
  if (refusedMessage && !conflict) {
    return (
      <p role="alert" className="alert alert-error">
        {refusedMessage}
      </p>
    );
  }
  if (conflict && !clashes) {
    return (
      <div role="alert" className="alert alert-warning">
        <p className="alert-title">{t("conflict.title")}</p>
        <p>{t("conflict.merged")}</p>
      </div>
    );
  }
  return null;
}
