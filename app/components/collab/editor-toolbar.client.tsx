import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";

type Mark = "bold" | "italic" | "bulletList" | "orderedList" | "link" | "heading";
const BUTTONS: Mark[] = ["bold", "italic", "bulletList", "orderedList", "link", "heading"];

/** Addresses a link may have: the web and e-mail, nothing that runs script. */
const SAFE_LINK = /^(https?:\/\/|mailto:)\S+$/i;

function normaliseLink(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : trimmed.includes("@") && !trimmed.includes("/") ? `mailto:${trimmed}` : `https://${trimmed}`;
  return SAFE_LINK.test(withScheme) ? withScheme : null;
}

/**
 * The text's formatting buttons: one toolbar (arrow keys move between the buttons, Tab leaves
 * it), each button a word with its state in aria-pressed. The mouse never takes the focus
 * from the text, so the selection stays where it was.
 */
export function EditorToolbar({ editor, fieldLabel, editorId }: { editor: Editor; fieldLabel: string; editorId: string }) {
  const { t } = useTranslation();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      link: e.isActive("link"),
      heading: e.isActive("heading"),
    }),
  });
  const [current, setCurrent] = useState(0);
  const [linking, setLinking] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);

  const run = (mark: Mark) => {
    const chain = editor.chain().focus();
    if (mark === "bold") chain.toggleBold().run();
    else if (mark === "italic") chain.toggleItalic().run();
    else if (mark === "bulletList") chain.toggleBulletList().run();
    else if (mark === "orderedList") chain.toggleOrderedList().run();
    else if (mark === "heading") chain.toggleHeading({ level: 3 }).run();
    else if (mark === "link") {
      if (active?.link) chain.extendMarkRange("link").unsetLink().run();
      else setLinking(true);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % BUTTONS.length,
      ArrowLeft: (i) => (i - 1 + BUTTONS.length) % BUTTONS.length,
      Home: () => 0,
      End: () => BUTTONS.length - 1,
    };
    const move = moves[event.key];
    if (!move || (event.target as HTMLElement).tagName !== "BUTTON") return;
    event.preventDefault();
    const next = move(current);
    setCurrent(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>("button[data-mark]")[next]?.focus();
  };

  return (
    <div className="collab-toolbar-wrap">
      <div ref={toolbar} role="toolbar" aria-label={t("collab.toolbar", { field: fieldLabel })} aria-controls={editorId} className="collab-toolbar" onKeyDown={onKeyDown}>
        {BUTTONS.map((mark, index) => (
          <button
            key={mark}
            type="button"
            data-mark={mark}
            className={`collab-tool collab-tool-${mark}`}
            aria-pressed={Boolean(active?.[mark])}
            tabIndex={index === current ? 0 : -1}
            onFocus={() => setCurrent(index)}
            // Keep the text's selection: the button acts on it without taking the focus.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(mark)}
          >
            {t(`collab.tool.${mark}`)}
          </button>
        ))}
      </div>
      {linking ? <LinkForm editor={editor} onDone={() => setLinking(false)} /> : null}
    </div>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState(false);
  const apply = () => {
    const href = normaliseLink(value);
    if (!href) {
      setError(true);
      return;
    }
    const { empty } = editor.state.selection;
    const chain = editor.chain().focus();
    // No text chosen: the address itself becomes the link's text.
    if (empty) chain.insertContent({ type: "text", text: value.trim(), marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.extendMarkRange("link").setLink({ href }).run();
    onDone();
  };
  const cancel = () => {
    editor.commands.focus();
    onDone();
  };
  return (
    <div className="collab-link-form" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-input`}>
        {t("collab.link.label")}
      </label>
      <p id={`${id}-hint`} className="hint">
        {t("collab.link.hint")}
      </p>
      <input
        id={`${id}-input`}
        type="url"
        inputMode="url"
        autoComplete="url"
        // Opened on purpose with the "Lenke" button: the address is what comes next.
        autoFocus
        value={value}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => {
          setValue(event.target.value);
          setError(false);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            apply();
          } else if (event.key === "Escape") {
            event.preventDefault();
            cancel();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t("collab.link.invalid")}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button-primary button-small" onClick={apply}>
          {t("collab.link.add")}
        </button>
        <button type="button" className="button-secondary button-small" onClick={cancel}>
          {t("collab.link.cancel")}
        </button>
      </div>
    </div>
  );
}
