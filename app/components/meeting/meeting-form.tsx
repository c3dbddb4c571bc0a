import { useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { PlanForm } from "../../hooks/use-plan-form.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";

// The meetings' forms post to the meeting's own route (/moter/<id>), wherever they are shown:
// on the meeting page, in "Min plan", in "Mine møter". With JavaScript they answer as data and
// the page's data is loaded again; without it the action sends the person back to the page the
// form was on (`_back`, a same-site path), at the part that was changed.

/** The page the form is on, without the receipts of an earlier save. */
export function useBackPath(): string {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("lagret");
  params.delete("godkjenn");
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

interface MeetingFormProps {
  form: PlanForm;
  meetingId: string;
  intent: string;
  /** Where the page should scroll to after a save without JavaScript. */
  anchor?: string;
  hidden?: Record<string, string>;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
  "aria-labelledby"?: string;
}

export function MeetingForm({ form, meetingId, intent, anchor, hidden = {}, className, children, ...rest }: MeetingFormProps) {
  const hydrated = useHydrated();
  const back = useBackPath();
  return (
    <form.fetcher.Form
      key={form.key}
      method="post"
      action={`/moter/${meetingId}`}
      className={className ?? "stack"}
      onSubmit={(event) => {
        // One save at a time: a second press while the first is on its way does nothing.
        if (form.busy) event.preventDefault();
      }}
      aria-label={rest["aria-label"]}
      aria-labelledby={rest["aria-labelledby"]}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="_formId" value={form.formId} />
      <input type="hidden" name="_js" value={hydrated ? "1" : ""} />
      <input type="hidden" name="_back" value={back} />
      {anchor ? <input type="hidden" name="_anchor" value={anchor} /> : null}
      {form.versioned ? <input type="hidden" name="version" value={form.base.version} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <RefusalMessage form={form} />
      {children}
    </form.fetcher.Form>
  );
}

/** What went wrong with the last save of this form, announced. */
export function RefusalMessage({ form }: { form: PlanForm }) {
  const { t } = useTranslation();
  const { result } = form;
  if (!result || result.ok) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{result.message}</p>
      {result.fieldErrors ? <p>{t("form.fixFields")}</p> : null}
    </div>
  );
}
