import { useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { useDrawnOnOpening } from "../../lib/scripted.ts";

/** The address parameter that opens one item for editing: "?endre=goal-<id>" (works without JavaScript). */
export const EDIT_PARAM = "endre";

/**
 * One item of the plan, read as a document until someone opens it: "Endre" shows its forms and
 * editors, "Ferdig" closes them again. Nothing typed is lost on closing: the long texts save as
 * they are written (drafts in localStorage, flushed when the field closes) and the co-edited
 * texts keep their changes locally until the server has them. With JavaScript it is state on the
 * page (no reload, no new read in the access log); without, a link with ?endre= does the same.
 */
export function useInPlace(anchor: string) {
  const [params] = useSearchParams();
  const initial = params.get(EDIT_PARAM) === anchor;
  const [open, setOpenNow] = useState(initial);
  // Once opened, its forms stay on the page (see InPlaceEdit).
  const [opened, setOpened] = useState(initial);
  const setOpen = useCallback((next: boolean) => {
    setOpenNow(next);
    if (next) setOpened(true);
  }, []);
  return { anchor, open, opened, setOpen };
}

export type InPlace = ReturnType<typeof useInPlace>;

/** "Endre" while reading, "Ferdig" while editing; focus goes back to the button that was pressed. */
export function EditToggle({ state, label }: { state: InPlace; label: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ref = useRef<HTMLAnchorElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) ref.current?.focus();
  }, [state.open]);
  const href = (open: boolean) => {
    const next = new URLSearchParams(params);
    next.delete("lagret");
    if (open) next.set(EDIT_PARAM, state.anchor);
    else next.delete(EDIT_PARAM);
    const query = next.toString();
    return `?${query}#${state.anchor}`;
  };
  return (
    <a
      ref={ref}
      href={href(!state.open)}
      role="button"
      className={state.open ? "button-primary button-small" : "button-secondary button-small"}
      aria-expanded={state.open}
      // The visible word first, then which item: "Endre: Jeg vil klare morgenen selv".
      aria-label={`${state.open ? t("reading.done") : t("reading.edit")}: ${label}`}
      // A link that acts as a button answers the space bar as a button does.
      onKeyDown={(event) => {
        if (event.key !== " ") return;
        event.preventDefault();
        event.currentTarget.click();
      }}
      onClick={(event) => {
        event.preventDefault();
        moved.current = true;
        // "Ferdig" with changes not yet saved in a form: they are saved, not dropped.
        if (state.open) saveChangedForms(document.getElementById(editAreaId(state.anchor)));
        state.setOpen(!state.open);
      }}
    >
      {state.open ? t("reading.done") : t("reading.edit")}
    </a>
  );
}

const editAreaId = (anchor: string) => `${anchor}-edit`;

/**
 * The item's forms, shown while it is open. Once opened they stay on the page (hidden when
 * closed), so a save on its way finishes and what was typed is still there when it opens again.
 * `live` (co-edited texts) is only there while open: each holds a connection, and its "Her nå"
 * names only those in that text.
 */
export function InPlaceEdit({ state, live, children }: { state: InPlace; live?: ReactNode; children?: ReactNode }) {
  const area = useRef<HTMLDivElement>(null);
  const { open, setOpen } = state;
  // A save refused after "Ferdig" (someone changed the item meanwhile): open it again, so the
  // person sees why and what to do, instead of a refusal nobody can see.
  useEffect(() => {
    const element = area.current;
    if (open || !element) return;
    const observer = new MutationObserver(() => {
      if (element.querySelector('[role="alert"]')) setOpen(true);
    });
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [open, setOpen]);
  if (!state.opened) return null;
  return (
    <div ref={area} className="in-place-edit" id={editAreaId(state.anchor)} hidden={!state.open}>
      {state.open ? live : null}
      {children}
    </div>
  );
}

/** Submits every form in `area` whose fields differ from what they started with. */
function saveChangedForms(area: HTMLElement | null) {
  for (const form of area?.querySelectorAll("form") ?? []) {
    const changed = Array.from(form.elements).some((el) => {
      if (el instanceof HTMLInputElement) {
        if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
        if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
        return el.value !== el.defaultValue;
      }
      if (el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue;
      if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
      return false;
    });
    if (changed && form.checkValidity()) form.requestSubmit();
  }
}

/**
 * A part of the plan that folds away: its heading is the switch. The parts one works in rarely
 * start folded (`open={false}`); a link to the part or to something in it (the table of
 * contents, a search result, a save without JavaScript) opens it. With `drawOnOpening`, a browser
 * that runs our JavaScript gets the folded part's content when it is first opened, as closed forms
 * are (decision 037): only for parts nothing links into and nobody looks for with the browser's
 * find, since what is not drawn cannot be found.
 */
export function PlanSection({
  id,
  headingId = `${id}-heading`,
  title,
  children,
  open = true,
  drawOnOpening = false,
}: {
  id: string;
  headingId?: string;
  title: ReactNode;
  children: ReactNode;
  open?: boolean;
  drawOnOpening?: boolean;
}) {
  const { ref, drawn, onToggle } = useDrawnOnOpening(drawOnOpening);
  useEffect(() => {
    const reveal = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      const target = hash ? document.getElementById(hash) : null;
      if (target && ref.current && (target === ref.current.parentElement || ref.current.contains(target))) {
        ref.current.open = true;
        target.scrollIntoView();
      }
    };
    reveal();
    window.addEventListener("hashchange", reveal);
    return () => window.removeEventListener("hashchange", reveal);
  }, [ref]);
  return (
    <section id={id} aria-labelledby={headingId} className="card section plan-section">
      <details open={open} ref={ref} onToggle={onToggle}>
        <summary>
          <h2 id={headingId}>{title}</h2>
        </summary>
        {drawn || open ? children : null}
      </details>
    </section>
  );
}
