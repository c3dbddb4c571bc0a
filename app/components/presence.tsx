import { useTranslation } from "../i18n/use-translation.ts";
import type { PresentPerson } from "../hooks/use-live-plan.ts";

/** "Andre som er i planen nå: …", announced politely when it changes. */
export function Presence({ others }: { others: PresentPerson[] }) {
  const { t } = useTranslation();
  return (
    <p className="presence" role="status">
      {others.length ? (
        <>
          <span className="presence-dot" aria-hidden="true" />
          {t("workspace.presence", { names: others.map((p) => p.name).join(", ") })}
        </>
      ) : null}
    </p>
  );
}
