import { lazy, Suspense } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { Heading } from "../plan/shared.tsx";
import { StoredText } from "./stored-text.tsx";

const LiveEditor = lazy(() => import("./live-editor.client.tsx"));

export interface CollabEditorProps {
  /** The shared document (see collabDocument in lib/collab.ts). */
  documentName: string;
  /** Base of the element ids; unique on the page. */
  id: string;
  label: string;
  /** The label as a heading at this level, for texts that are a part of their own ("Om meg"). */
  headingLevel?: number;
  /** Help for the person writing. */
  hint?: string;
  /** What the server last rendered from the document (sanitised HTML), when it has. */
  html?: string;
  /** The plain text column: shown when there is no HTML yet. */
  text?: string | null;
  /** Shown for an empty text. */
  empty?: string;
  /** What the page's data says; the server decides per connection too (read-only wins). */
  canEdit: boolean;
  /** The signed-in person: their name and colour go with their caret. */
  viewer: { id: string; name: string };
  /** Said to those who may only read; defaults to a general sentence. */
  readOnlyHint?: string;
  /** The part of the page already says the text is read-only: say it to screen readers only. */
  quietReadOnly?: boolean;
}

/**
 * A text several people write in at once. The server renders the stored text (so nothing is
 * empty before the page's script runs); in the browser the live editor takes over once it has
 * the text: formatting buttons, the others' carets with their names, who is here, and whether
 * it is saved. Without JavaScript the text is shown, with a note that writing needs JavaScript.
 */
export function CollabEditor({ documentName, id, label, headingLevel, hint, html, text, empty, canEdit, viewer, readOnlyHint, quietReadOnly = false }: CollabEditorProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const ids = {
    label: `${id}-label`,
    hint: hint && canEdit ? `${id}-hint` : undefined,
    editor: `${id}-text`,
    status: `${id}-status`,
    readOnly: `${id}-readonly`,
  };
  const emptyText = empty ?? t("common.empty");
  const stored = <StoredText html={html} text={text} empty={emptyText} />;
  return (
    <div className="collab-field">
      {headingLevel ? (
        <Heading level={headingLevel} id={ids.label} className="collab-label-heading">
          {label}
        </Heading>
      ) : (
        <p id={ids.label} className="collab-label">
          {label}
        </p>
      )}
      {ids.hint ? (
        <p id={ids.hint} className="hint">
          {hint}
        </p>
      ) : null}
      {hydrated ? (
        <Suspense fallback={stored}>
          <LiveEditor
            key={`${documentName}:${viewer.id}`}
            documentName={documentName}
            ids={ids}
            fieldLabel={label}
            mayEdit={canEdit}
            viewer={viewer}
            empty={emptyText}
            readOnlyHint={readOnlyHint ?? t("collab.readOnly")}
            quietReadOnly={quietReadOnly}
            fallback={stored}
          />
        </Suspense>
      ) : (
        <>
          {stored}
          {canEdit ? <p className="hint collab-needs-js">{t("collab.needsJs")}</p> : null}
        </>
      )}
    </div>
  );
}
