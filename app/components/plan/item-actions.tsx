import { useFetcher } from "@remix-run/react";
import { useContext, useState, type DragEvent, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { RESTORE_DAYS } from "../../domain/lists.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { FormDisclosure, PlanFormElement, PlanIdContext, Submit, TextArea } from "../form.tsx";

type Kind = "goal" | "measure" | "service" | "log" | "comment";

/** "Slett": asks why, then deletes softly (the coordinator can restore it for RESTORE_DAYS). */
export function DeleteItem({ kind, id, label, anchor, note }: { kind: Kind; id: string; label: string; anchor: string; note?: string }) {
  const { t } = useTranslation();
  const form = usePlanForm(`delete-${kind}-${id}`);
  return (
    <FormDisclosure form={form} summary={<span>{t("removal.delete")}<span className="visually-hidden">: {label}</span></span>}>
      <PlanFormElement form={form} intent="item-delete" anchor={anchor} hidden={{ kind, id }} aria-label={t("removal.deleteHeading", { label })}>
        {note ? <p className="hint">{note}</p> : null}
        <TextArea form={form} name="reason" label={t("removal.reason")} hint={t("removal.reasonHint", { days: RESTORE_DAYS })} required rows={2} />
        <Submit form={form} variant="danger">
          {t("removal.confirm")}
        </Submit>
      </PlanFormElement>
    </FormDisclosure>
  );
}

/**
 * "Flytt opp" and "Flytt ned" for an item among its siblings: plain forms, so they work from the
 * keyboard and without JavaScript. Dragging (useDragToMove) sends the same request.
 */
export function MoveButtons({ kind, id, order, group = order, label, anchor }: { kind: "goal" | "measure"; id: string; order: string[]; group?: string[]; label: string; anchor: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher({ key: `move-${id}` });
  const planId = useContext(PlanIdContext);
  const hydrated = useHydrated();
  // Up and down among the items shown together (`group`, a life area's goals), as places in the
  // order of all the siblings (`order`), which is what the server keeps.
  const at = group.indexOf(id);
  const up = at > 0 ? order.indexOf(group[at - 1]) : -1;
  const down = at >= 0 && at < group.length - 1 ? order.indexOf(group[at + 1]) : -1;
  if (up < 0 && down < 0) return null;
  const button = (position: number, text: string, aria: string) => (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="item-move" />
      <input type="hidden" name="_formId" value={`move-${id}`} />
      <input type="hidden" name="_js" value={hydrated ? "1" : ""} />
      {planId ? <input type="hidden" name="planId" value={planId} /> : null}
      <input type="hidden" name="_anchor" value={anchor} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="position" value={position} />
      <button type="submit" className="button-link button-small" aria-label={aria} aria-disabled={fetcher.state !== "idle" || undefined}>
        {text}
      </button>
    </fetcher.Form>
  );
  return (
    <span className="move-buttons">
      {up >= 0 ? button(up, t("removal.moveUp"), t("removal.moveUpLabel", { label })) : null}
      {down >= 0 ? button(down, t("removal.moveDown"), t("removal.moveDownLabel", { label })) : null}
    </span>
  );
}

/**
 * Dragging an item onto another of its siblings moves it there. The handle is for the mouse
 * only (hidden from screen readers): "Flytt opp/ned" does the same from the keyboard.
 */
export function useDragToMove(kind: "goal" | "measure", ids: string[]) {
  const fetcher = useFetcher({ key: `drag-${kind}` });
  const planId = useContext(PlanIdContext);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  return {
    handle(id: string, label: string): ReactNode {
      return (
        <span
          className="drag-handle"
          draggable
          aria-hidden="true"
          title={label}
          onDragStart={(event: DragEvent) => {
            event.dataTransfer.setData("text/plain", id);
            event.dataTransfer.effectAllowed = "move";
            setDragging(id);
          }}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
        >
          ⠿
        </span>
      );
    },
    target(id: string) {
      return {
        "data-drop-over": over === id && dragging !== id ? "true" : undefined,
        onDragOver: (event: DragEvent) => {
          if (!dragging || !ids.includes(dragging)) return;
          event.preventDefault();
          setOver(id);
        },
        onDrop: (event: DragEvent) => {
          const moved = event.dataTransfer.getData("text/plain");
          setDragging(null);
          setOver(null);
          if (!ids.includes(moved) || moved === id) return;
          event.preventDefault();
          const body = new FormData();
          body.set("intent", "item-move");
          body.set("_formId", `drag-${kind}`);
          body.set("_js", "1");
          if (planId) body.set("planId", planId);
          body.set("kind", kind);
          body.set("id", moved);
          body.set("position", String(ids.indexOf(id)));
          fetcher.submit(body, { method: "post" });
        },
      };
    },
  };
}
