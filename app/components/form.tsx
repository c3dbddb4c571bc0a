import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { PlanForm } from "../hooks/use-plan-form.ts";
import { trueConflicts } from "../lib/form-result.ts";
import { useDrawnOnOpening } from "../lib/scripted.ts";
import { useHydrated } from "../lib/use-hydrated.ts";

// Small building blocks for the plan's forms: every field has a label, its hint and its
// error are tied to it (aria-describedby), and refusals are announced (role="alert").

/** The plan the forms below belong to; sent along, for pages whose address does not name it ("Min plan"). */
export const PlanIdContext = createContext<string | null>(null);

interface FormProps {
  form: PlanForm;
  intent: string;
  /** Where the page should scroll to after a save without JavaScript. */
  anchor?: string;
  /** Extra fields: ids of the row, targets … */
  hidden?: Record<string, string>;
  className?: string;
  /** Names and labels of fields whose current value to show after a conflicting edit. */
  conflictLabels?: Record<string, string>;
  describeValue?: (name: string, value: string) => string;
  children: ReactNode;
  "aria-label"?: string;
}

export function PlanFormElement({ form, intent, anchor, hidden = {}, className, conflictLabels, describeValue, children, ...rest }: FormProps) {
  const hydrated = useHydrated();
  const planId = useContext(PlanIdContext);
  return (
    <form.fetcher.Form
      key={form.key}
      method="post"
      className={className ?? "stack"}
      onChange={form.versioned ? form.startEditing : undefined}
      onSubmit={(event) => {
        // One save at a time: a second press while the first is on its way does nothing.
        if (form.busy) event.preventDefault();
      }}
      aria-label={rest["aria-label"]}
      noValidate={false}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="_formId" value={form.formId} />
      <input type="hidden" name="_js" value={hydrated ? "1" : ""} />
      {planId ? <input type="hidden" name="planId" value={planId} /> : null}
      {anchor ? <input type="hidden" name="_anchor" value={anchor} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.versioned ? (
        <>
          <input type="hidden" name="version" value={form.base.version} />
          {Object.entries(form.base.values).map(([name, value]) => (
            <input key={name} type="hidden" name={`_orig.${name}`} value={value} />
          ))}
        </>
      ) : null}
      <FormMessages form={form} conflictLabels={conflictLabels} describeValue={describeValue} />
      {children}
    </form.fetcher.Form>
  );
}

function FormMessages({
  form,
  conflictLabels,
  describeValue,
}: {
  form: PlanForm;
  conflictLabels?: Record<string, string>;
  describeValue?: (name: string, value: string) => string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { result } = form;
  if (!result || result.ok) return null;
  if (result.conflict) {
    const theirs = form.base.values;
    const labels = conflictLabels ?? {};
    const differing = trueConflicts(result, theirs, Object.keys(labels)).map((name) => [name, labels[name]] as const);
    return (
      <div role="alert" className="alert alert-warning">
        <p className="alert-title">{t("conflict.title")}</p>
        {differing.length ? (
          <>
            <p>{t("conflict.current")}</p>
            <dl className="facts conflict-facts">
              {differing.map(([name, label]) => (
                <div key={name} className="facts-row">
                  <dt>{label}</dt>
                  <dd>{(describeValue ? describeValue(name, theirs[name] ?? "") : theirs[name]) || t("common.empty")}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
        <p>{differing.length ? t("conflict.yoursKept") : t("conflict.merged")}</p>
        {hydrated ? (
          <button type="button" className="button-secondary button-small" onClick={form.discard}>
            {t("conflict.discard")}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{result.message}</p>
      {result.fieldErrors ? <p>{t("form.fixFields")}</p> : null}
    </div>
  );
}

/** A quiet receipt after a save (announced to screen readers). */
export function SavedNote({ form, text }: { form: PlanForm; text?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="saved-note">
      {form.busy ? t("common.saving") : form.saved ? (text ?? t("common.saved")) : ""}
    </p>
  );
}

/** What a field needs from its form: ids, the text to start with, and its error. Plan forms and case forms both give it. */
export type FieldForm = Pick<PlanForm, "formId" | "value" | "error">;

interface FieldProps {
  form: FieldForm;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** Shown in the label when the field may be left empty. */
  optional?: boolean;
}

function useFieldIds(form: FieldForm, name: string, hint?: string) {
  const id = `${form.formId}-${name}`;
  const error = form.error(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, error, describedBy };
}

function Label({ id, label, optional }: { id: string; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id}>
      {label}
      {optional ? <span className="optional"> {t("form.optional")}</span> : null}
    </label>
  );
}

/** A field's hint and error, with the ids its control names in aria-describedby. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  form,
  name,
  label,
  hint,
  required,
  optional,
  type = "text",
  autoComplete,
  min,
  max,
  defaultValue,
}: FieldProps & { type?: "text" | "date" | "time" | "email" | "tel" | "number"; autoComplete?: string; min?: number; max?: number; defaultValue?: string }) {
  const { id, error, describedBy } = useFieldIds(form, name, hint);
  return (
    <div className="field">
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        required={required}
        min={min}
        max={max}
        inputMode={type === "number" ? "numeric" : undefined}
        autoComplete={autoComplete ?? "off"}
        defaultValue={form.value(name) || defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function TextArea({ form, name, label, hint, required, optional, rows = 4, defaultValue }: FieldProps & { rows?: number; defaultValue?: string }) {
  const { id, error, describedBy } = useFieldIds(form, name, hint);
  return (
    <div className="field">
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        defaultValue={form.value(name) || defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function SelectField({
  form,
  name,
  label,
  hint,
  required,
  optional,
  options,
  empty,
  defaultValue,
}: FieldProps & { options: { value: string; label: string }[]; empty?: string; defaultValue?: string }) {
  const { id, error, describedBy } = useFieldIds(form, name, hint);
  return (
    <div className="field">
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={form.value(name) || defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Choices as radio buttons in a fieldset: the legend is the question, each choice may have a
 * hint of its own. Works without JavaScript like any other field.
 */
export function RadioGroup({
  form,
  name,
  legend,
  hint,
  required,
  options,
  defaultValue,
}: {
  form: FieldForm;
  name: string;
  legend: string;
  hint?: string;
  required?: boolean;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
}) {
  const { id, error, describedBy } = useFieldIds(form, name, hint);
  const checked = form.value(name) || defaultValue || "";
  return (
    <fieldset className="fieldset radio-group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((o) => {
        const optionId = `${id}-${o.value}`;
        return (
          <div key={o.value} className="radio">
            <input
              id={optionId}
              type="radio"
              name={name}
              value={o.value}
              required={required}
              defaultChecked={checked === o.value}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <div>
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <p id={`${optionId}-hint`} className="hint">
                  {o.hint}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One checkbox with its label beside it. */
export function CheckboxField({ form, name, label, hint, value = "yes" }: { form: FieldForm; name: string; label: string; hint?: string; value?: string }) {
  const { id, error, describedBy } = useFieldIds(form, name, hint);
  return (
    <div className="field">
      <HintAndError id={id} hint={hint} error={error} />
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={form.value(name) === value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

export function Submit({ form, children, variant = "primary" }: { form: PlanForm; children: ReactNode; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <div className="form-actions">
      <button type="submit" className={`button-${variant}`} aria-disabled={form.busy || undefined}>
        {children}
      </button>
      <SavedNote form={form} />
    </div>
  );
}

/**
 * A collapsed form that opens on demand; works without JavaScript (details/summary). Where the
 * browser runs our JavaScript, its content is drawn when it is first opened, and kept after that
 * (decision 034): most of a plan page's HTML was forms nobody had opened.
 */
export function Disclosure({ summary, children, open, className }: { summary: ReactNode; children: ReactNode; open?: boolean; className?: string }) {
  const { ref, drawn, onToggle } = useDrawnOnOpening();
  return (
    <details ref={ref} className={className ?? "disclosure"} open={open || undefined} onToggle={onToggle}>
      <summary>{summary}</summary>
      <div className="disclosure-body">{drawn || open ? children : null}</div>
    </details>
  );
}

/** A form behind a "show" toggle; open again when its last answer was a refusal (also without JavaScript). */
export function FormDisclosure({ form, summary, children }: { form: PlanForm; summary: ReactNode; children: ReactNode }) {
  return (
    <Disclosure summary={summary} open={Boolean(form.result && !form.result.ok)}>
      {children}
    </Disclosure>
  );
}
