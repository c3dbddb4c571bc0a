import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { CARET_COLOURS, caretColour } from "../../lib/collab.ts";
import { COLLAB_FIELD, CollabSession, type CollabSnapshot } from "./collab-session.client.ts";
import { EditorToolbar } from "./editor-toolbar.client.tsx";

// The live editor, loaded only in the browser (React.lazy in collab-editor.tsx): TipTap,
// Yjs and the provider stay out of the server render and out of pages without texts.

export interface LiveEditorProps {
  documentName: string;
  ids: { label: string; hint?: string; editor: string; status: string; readOnly: string };
  fieldLabel: string;
  mayEdit: boolean;
  viewer: { id: string; name: string };
  empty: string;
  readOnlyHint: string;
  /** Read-only hint only for screen readers (the section already says it in words). */
  quietReadOnly: boolean;
  /** The text as the server rendered it, shown until the live text is there. */
  fallback: ReactNode;
}

/** A caret colour from our palette (each with AA contrast for the white name), whatever arrived. */
const safeColour = (colour: unknown) => (CARET_COLOURS as readonly unknown[]).includes(colour) ? (colour as string) : "#1b1f24";

/** Another person's caret with their name; hidden from screen readers (the presence line says who is here). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = safeColour(user.color);
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  caret.setAttribute("aria-hidden", "true");
  caret.style.borderColor = colour;
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.style.backgroundColor = colour;
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

function renderSelection(user: Record<string, unknown>) {
  // A light tint (about 15 %), so the text over it keeps its contrast.
  return { nodeName: "span", class: "collab-selection", style: `background-color: ${safeColour(user.color)}26` };
}

function createEditor(session: CollabSession, editable: boolean, attributes: Record<string, string>, user: { name: string; color: string }): Editor {
  return new Editor({
    editable,
    editorProps: { attributes },
    extensions: [
      StarterKit.configure({
        // Collaboration brings its own undo history.
        undoRedo: false,
        heading: { levels: [3, 4] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        // A trailing paragraph added by each client would pile up in a shared document.
        trailingNode: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: "https",
          protocols: ["http", "https", "mailto"],
          HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
        },
      }),
      Collaboration.configure({ document: session.doc, field: COLLAB_FIELD }),
      CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret, selectionRender: renderSelection }),
    ],
  });
}

function statusText(t: (key: string) => string, state: CollabSnapshot): string {
  if (!state.editor) return state.offline ? t("collab.offlineNotReady") : "";
  if (state.offline) return t("collab.offline");
  // Nothing to report until the person has written something here.
  if (!state.localEdits) return "";
  const pending = state.connection !== "connected" || state.unsynced > 0 || !state.synced;
  if (!pending) return t("collab.saved");
  if (state.slowSave || state.connection !== "connected") return t("collab.saving");
  // A change the server confirms at once does not flip the words (nor make screen readers speak):
  // they stay as they were until the save takes a noticeable while.
  return state.savedOnce ? t("collab.saved") : "";
}

/** Whether the editor's text is empty, kept current as the text changes (from anyone). */
function useIsEmpty(editor: Editor | null): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!editor) return () => {};
      editor.on("transaction", onChange);
      return () => {
        editor.off("transaction", onChange);
      };
    },
    [editor],
  );
  return useSyncExternalStore(
    subscribe,
    () => (editor && !editor.isDestroyed ? editor.isEmpty : true),
    () => true,
  );
}

export default function LiveEditor({ documentName, ids, fieldLabel, mayEdit, viewer, empty, readOnlyHint, quietReadOnly, fallback }: LiveEditorProps) {
  const { t } = useTranslation();
  const [session] = useState(() => {
    const user = { id: viewer.id, name: viewer.name, color: caretColour(viewer.id) };
    const attributes = (editable: boolean): Record<string, string> => ({
      id: ids.editor,
      role: "textbox",
      "aria-multiline": "true",
      "aria-labelledby": ids.label,
      "aria-describedby": [ids.hint, editable ? ids.status : ids.readOnly].filter(Boolean).join(" "),
      "aria-readonly": editable ? "false" : "true",
      // A text that cannot be changed is still reachable with the keyboard, to be read.
      tabindex: "0",
      class: editable ? "collab-content collab-editable" : "collab-content collab-readonly",
    });
    return new CollabSession({
      documentName,
      user,
      mayEdit,
      attributes,
      createEditor: (s, editable) => createEditor(s, editable, attributes(editable), { name: user.name, color: user.color }),
    });
  });
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  useEffect(() => {
    session.setMayEdit(mayEdit);
  }, [session, mayEdit]);
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  const { editor, editable } = state;
  const isEmpty = useIsEmpty(editor);
  const readOnly = editor !== null && !editable;
  const refused = state.denied && mayEdit;
  const status = mayEdit ? statusText(t, state) : "";

  return (
    <>
      {editor && editable ? <EditorToolbar editor={editor} fieldLabel={fieldLabel} editorId={ids.editor} /> : null}
      {editor ? (
        <>
          {readOnly && isEmpty ? <p className="empty">{empty}</p> : null}
          {/* An empty text that cannot be changed is only the words above; it stays live, hidden. */}
          <EditorContent editor={editor} hidden={readOnly && isEmpty} className="collab-box" />
        </>
      ) : (
        fallback
      )}
      {readOnly || refused ? (
        <p id={ids.readOnly} className={quietReadOnly && !refused ? "visually-hidden" : "hint collab-readonly-hint"}>
          {refused ? t("collab.denied") : readOnlyHint}
        </p>
      ) : null}
      {state.others.length ? (
        <p className="collab-presence">
          <span className="presence-dot" aria-hidden="true" />
          {t("collab.presence", { names: state.others.join(", ") })}
        </p>
      ) : null}
      {mayEdit ? (
        <p id={ids.status} role="status" className={`collab-status${state.offline ? " collab-status-offline" : ""}`}>
          {status}
        </p>
      ) : null}
    </>
  );
}
