import { useTranslation } from "../i18n/use-translation.ts";
import { useAutosave } from "../hooks/use-autosave.ts";
import { useHydrated } from "../lib/use-hydrated.ts";

interface AutosaveFieldProps {
  id: string;
  /** The form field's name, for saving without JavaScript through the surrounding form. */
  name: string;
  label: string;
  hint?: string;
  endpoint: string;
  storageKey: string;
  serverValue: string;
  serverVersion: number;
  payload: Record<string, string>;
  rows?: number;
  /** After a refused save without JavaScript: what the person wrote, and what is there now. */
  fallback?: { mine: string; theirs: string; conflict: boolean } | null;
}

/**
 * A long text that saves itself (see useAutosave), with its state in words: "Lagrer…",
 * "Lagret", "Ikke lagret ennå". Without JavaScript it is an ordinary field of its form.
 */
export function AutosaveField({ id, name, label, hint, endpoint, storageKey, serverValue, serverVersion, payload, rows = 6, fallback }: AutosaveFieldProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const auto = useAutosave({ storageKey, endpoint, serverValue, serverVersion, payload });
  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;
  const conflictId = `${id}-conflict`;
  // Without JavaScript, after a refused save, the person's own text is in the field.
  const showFallback = !hydrated && Boolean(fallback);
  const conflict = hydrated ? auto.conflict : fallback?.conflict ? { value: fallback.theirs } : null;

  let status = "";
  if (hydrated) {
    if (auto.status === "saving") status = t("autosave.saving");
    else if (auto.status === "offline") status = t("autosave.offline");
    else if (auto.status === "error") status = auto.message ?? t("autosave.error");
    else if (auto.conflict) status = t("autosave.notSaved");
    else if (auto.restored) status = t("autosave.restored");
    else if (auto.dirty) status = t("autosave.notSaved");
    else if (auto.status === "saved") status = t("autosave.saved");
  }

  return (
    <div className="field autosave">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={showFallback && fallback ? fallback.mine : auto.value}
        onChange={(event) => auto.onChange(event.target.value)}
        onBlur={auto.onBlur}
        aria-describedby={[hint ? hintId : null, statusId, conflict ? conflictId : null].filter(Boolean).join(" ")}
      />
      <p id={statusId} role="status" className={`autosave-status autosave-${auto.status}`}>
        {status}
      </p>
      {conflict ? (
        <div id={conflictId} role="alert" className="alert alert-warning">
          <p className="alert-title">{t("autosave.conflictTitle")}</p>
          <p>{t("autosave.conflictCurrent")}</p>
          <blockquote className="their-text">{conflict.value || t("common.empty")}</blockquote>
          <p>{hydrated ? t("autosave.conflictHelp") : t("autosave.conflictHelpNoJs")}</p>
          {hydrated ? (
            <div className="button-row">
              <button type="button" className="button-primary" onClick={auto.keepMine}>
                {t("autosave.keepMine")}
              </button>
              <button type="button" className="button-secondary" onClick={auto.takeTheirs}>
                {t("autosave.takeTheirs")}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
