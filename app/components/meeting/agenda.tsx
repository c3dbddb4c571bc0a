import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { isOneOf, isUserSide, OPEN_MEETING_STATUSES } from "../../domain/lists.ts";
import { usePlanForm } from "../../hooks/use-plan-form.ts";
import type { AgendaItemView, MeetingView } from "../../lib/meeting-types.ts";
import { Disclosure, FormDisclosure, SavedNote, Submit, TextArea, TextField } from "../form.tsx";
import { MeetingForm } from "./meeting-form.tsx";

interface AgendaProps {
  meeting: Pick<MeetingView, "id" | "status" | "agenda" | "access">;
  viewerId: string;
  headingLevel?: 2 | 3;
  /** For the service user ("Min plan"): plain words, no reordering. */
  plain?: boolean;
  headingId?: string;
}

/** The agenda ("Saksliste"): built by the server from the plan, then edited by hand. */
export function Agenda({ meeting, viewerId, headingLevel = 2, plain = false, headingId = `agenda-${meeting.id}-heading` }: AgendaProps) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as "h2";
  const open = isOneOf(OPEN_MEETING_STATUSES, meeting.status);
  const canEditAll = meeting.access.canEdit && open;
  const ids = meeting.agenda.map((a) => a.id);
  return (
    <section aria-labelledby={headingId} className="agenda" id={`saksliste-${meeting.id}`}>
      <Heading id={headingId}>{plain ? t("meetings.agenda.titlePlain") : t("meetings.agenda.title")}</Heading>
      {meeting.agenda.length ? (
        <ol className="agenda-list">
          {meeting.agenda.map((item, index) => (
            <AgendaEntry
              key={item.id}
              meetingId={meeting.id}
              item={item}
              // On "Min plan" the user changes only their own points; everything is on the meeting page.
              canChange={open && (plain ? ownPoint(item, viewerId) : canEditAll || (meeting.access.canAddAgendaPoint && ownPoint(item, viewerId)))}
              order={canEditAll && !plain ? { ids, index } : null}
              plain={plain}
              mine={item.addedBy?.id === viewerId}
            />
          ))}
        </ol>
      ) : (
        <p className="empty">{t("meetings.agenda.none")}</p>
      )}
      {open && meeting.access.canAddAgendaPoint ? (
        <AgendaAddForm
          meetingId={meeting.id}
          userSide={isUserSide(meeting.access.role)}
          plain={plain}
          headingLevel={headingLevel + 1}
        />
      ) : null}
    </section>
  );
}

function kindLabel(t: (key: string) => string, item: AgendaItemView) {
  return item.kind === "OTHER" ? null : t(`meetings.agenda.kind.${item.kind}`);
}

/** A point the person added themselves (not input the agenda was built from): theirs to change. */
const ownPoint = (item: AgendaItemView, viewerId: string) => item.addedBy?.id === viewerId && (item.kind === "USER_POINT" || item.kind === "OTHER");

/** Input from the user's side was written by someone; other points were added by someone. */
function byLine(t: (key: string, params?: Record<string, string>) => string, kind: string, mine: boolean, name: string) {
  if (kind === "USER_INPUT") return mine ? t("meetings.agenda.writtenByYou") : t("meetings.agenda.writtenBy", { name });
  return mine ? t("meetings.agenda.addedByYou") : t("meetings.agenda.addedBy", { name });
}

function moved(ids: string[], from: number, to: number): string {
  const copy = [...ids];
  const [id] = copy.splice(from, 1);
  copy.splice(to, 0, id);
  return copy.join(",");
}

function AgendaEntry({
  meetingId,
  item,
  canChange,
  order,
  plain,
  mine,
}: {
  meetingId: string;
  item: AgendaItemView;
  canChange: boolean;
  order: { ids: string[]; index: number } | null;
  plain: boolean;
  mine: boolean;
}) {
  const { t } = useTranslation();
  const kind = kindLabel(t, item);
  return (
    <li className="agenda-item">
      <p className="agenda-title">
        {kind ? <span className={`badge badge-agenda-${item.kind.toLowerCase()}`}>{kind}</span> : null} {item.title}
      </p>
      {item.note ? <p className="prose hint">{item.note}</p> : null}
      {item.addedBy && item.kind !== "EVALUATION" ? <p className="meta">{byLine(t, item.kind, mine, item.addedBy.name)}</p> : null}
      {order && order.ids.length > 1 ? (
        <div className="agenda-controls">
          {order.index > 0 ? <MoveForm meetingId={meetingId} item={item} order={moved(order.ids, order.index, order.index - 1)} direction="up" /> : null}
          {order.index < order.ids.length - 1 ? (
            <MoveForm meetingId={meetingId} item={item} order={moved(order.ids, order.index, order.index + 1)} direction="down" />
          ) : null}
        </div>
      ) : null}
      {canChange ? (
        <EditForm meetingId={meetingId} item={item}>
          <RemoveForm meetingId={meetingId} item={item} plain={plain} />
        </EditForm>
      ) : null}
    </li>
  );
}

function MoveForm({ meetingId, item, order, direction }: { meetingId: string; item: AgendaItemView; order: string; direction: "up" | "down" }) {
  const { t } = useTranslation();
  const form = usePlanForm(`agenda-move-${direction}-${item.id}`);
  return (
    <MeetingForm form={form} meetingId={meetingId} intent="agenda-order" anchor={`saksliste-${meetingId}`} hidden={{ order }} className="inline-form">
      <button type="submit" className="button-secondary button-small" aria-disabled={form.busy || undefined}>
        {t(direction === "up" ? "meetings.agenda.moveUp" : "meetings.agenda.moveDown")}
        <span className="visually-hidden">: {item.title}</span>
      </button>
    </MeetingForm>
  );
}

function RemoveForm({ meetingId, item, plain }: { meetingId: string; item: AgendaItemView; plain: boolean }) {
  const { t } = useTranslation();
  const form = usePlanForm(`agenda-remove-${item.id}`);
  return (
    <MeetingForm form={form} meetingId={meetingId} intent="agenda-remove" anchor={`saksliste-${meetingId}`} hidden={{ itemId: item.id }} className="inline-form">
      <button type="submit" className="button-secondary button-small" aria-disabled={form.busy || undefined}>
        {plain ? t("meetings.agenda.removePlain") : t("meetings.agenda.remove")}
        <span className="visually-hidden">: {item.title}</span>
      </button>
    </MeetingForm>
  );
}

/** Changing a point (title, note) and, below the form, taking it off the agenda. */
function EditForm({ meetingId, item, children }: { meetingId: string; item: AgendaItemView; children: ReactNode }) {
  const { t } = useTranslation();
  const values = { title: item.title, note: item.note ?? "" };
  const form = usePlanForm(`agenda-edit-${item.id}`, { version: item.version, values, toValues: (row) => ({ title: String(row.title ?? ""), note: String(row.note ?? "") }) });
  return (
    <Disclosure
      summary={
        <>
          {t("meetings.agenda.edit")}
          <span className="visually-hidden">: {item.title}</span>
        </>
      }
      open={Boolean(form.result && !form.result.ok)}
    >
      <MeetingForm form={form} meetingId={meetingId} intent="agenda-update" anchor={`saksliste-${meetingId}`} hidden={{ itemId: item.id }}>
        {Object.entries(form.base.values).map(([name, value]) => (
          <input key={name} type="hidden" name={`_orig.${name}`} value={value} />
        ))}
        <TextField form={form} name="title" label={t("meetings.agenda.pointTitle")} required />
        <TextArea form={form} name="note" label={t("meetings.agenda.note")} optional rows={2} />
        <Submit form={form}>{t("common.save")}</Submit>
      </MeetingForm>
      <div className="agenda-controls">{children}</div>
    </Disclosure>
  );
}

/** A new point; for the user and representative in plain words: "Dette vil jeg snakke om". */
export function AgendaAddForm({ meetingId, userSide, plain, headingLevel }: { meetingId: string; userSide: boolean; plain: boolean; headingLevel: number }) {
  const { t } = useTranslation();
  const Heading = `h${Math.min(headingLevel, 6)}` as "h3";
  const form = usePlanForm(`agenda-add-${meetingId}`);
  const fields = (
    <MeetingForm form={form} meetingId={meetingId} intent="agenda-add" anchor={`saksliste-${meetingId}`}>
      <TextField
        form={form}
        name="title"
        label={userSide ? t("meetings.agenda.userPointLabel") : t("meetings.agenda.pointTitle")}
        hint={userSide ? t("meetings.agenda.userPointHint") : undefined}
        required
      />
      <TextArea form={form} name="note" label={userSide ? t("meetings.agenda.userNoteLabel") : t("meetings.agenda.note")} optional rows={2} />
      <div className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={form.busy || undefined}>
          {userSide ? t("meetings.agenda.userAdd") : t("meetings.agenda.add")}
        </button>
        <SavedNote form={form} text={t("meetings.agenda.added")} />
      </div>
    </MeetingForm>
  );
  if (plain) {
    return (
      <div className="agenda-add-plain">
        <Heading className="plain-label">{t("meetings.agenda.userPointTitle")}</Heading>
        {fields}
      </div>
    );
  }
  return (
    <FormDisclosure form={form} summary={userSide ? t("meetings.agenda.userPointTitle") : t("meetings.agenda.addTitle")}>
      {fields}
    </FormDisclosure>
  );
}
