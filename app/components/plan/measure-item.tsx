import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation.ts";
import { FINISHED_MEASURE_STATUSES, isOneOf } from "../../domain/lists.ts";
import { isDue } from "../../domain/oslo-time.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import { responsibleName, type MeasureView, type PlanView } from "../../lib/plan-types.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { StoredText } from "../collab/stored-text.tsx";
import { Comments } from "./comments.tsx";
import { Evaluations } from "./evaluations.tsx";
import { EditToggle, InPlaceEdit, useInPlace } from "./in-place.tsx";
import { DeleteItem, MoveButtons, type useDragToMove } from "./item-actions.tsx";
import { MeasureEditForm, type MeasureChoices } from "./measure-form.tsx";
import { DateText, Period, Heading, StatusBadge } from "./shared.tsx";

interface MeasureItemProps {
  plan: PlanView;
  measure: MeasureView;
  choices: MeasureChoices;
  level: number;
  /** The goal's measures in their order: "Flytt opp/ned" and dragging. */
  siblings: string[];
  drag?: ReturnType<typeof useDragToMove>;
}

/** One measure, read as a document; "Endre" opens its form and shared text in place. */
export function MeasureItem({ plan, measure, choices, level, siblings, drag }: MeasureItemProps) {
  const { t } = useTranslation();
  const anchor = `measure-${measure.id}`;
  const edit = useInPlace(anchor);
  const own = measure.responsibleUserId === plan.viewer.id;
  const canEdit = plan.access.canEditPlan || (plan.access.canEditOwnMeasures && own);
  const due = !isOneOf(FINISHED_MEASURE_STATUSES, measure.status) && isDue(measure.evaluationDate);
  const responsible = responsibleName(plan, measure);
  const descriptionDoc = collabDocument.measureDescription(measure.id);
  // How the measure is carried out: a shared text, written by those who may change the measure.
  const description = (
    <CollabEditor
      id={`${anchor}-description`}
      documentName={descriptionDoc}
      label={t("measure.field.description")}
      hint={t("measure.hint.description")}
      html={storedHtml(plan, descriptionDoc)}
      text={measure.description}
      canEdit={canEdit}
      viewer={plan.viewer}
    />
  );
  const facts: [string, ReactNode][] = [
    ...(measure.amount ? [[t("measure.field.amount"), measure.amount] as [string, ReactNode]] : []),
    [t("measure.field.responsible"), `${responsible || t("measure.noResponsible")}${measure.unit ? `, ${measure.unit.name}` : ""}`],
    ...(measure.startDate || measure.endDate ? [[t("measure.period"), <Period key="p" from={measure.startDate} to={measure.endDate} />] as [string, ReactNode]] : []),
    ...(measure.evaluationDate
      ? [
          [
            t("measure.field.evaluationDate"),
            <>
              <DateText value={measure.evaluationDate} />
              {due ? <span className="warning-text"> – {t("measure.evaluationDue")}</span> : null}
            </>,
          ] as [string, ReactNode],
        ]
      : []),
  ];
  return (
    <li className="measure" id={anchor} aria-labelledby={`${anchor}-heading`} {...drag?.target(measure.id)}>
      <div className="item-head">
        {plan.access.canEditPlan && drag ? drag.handle(measure.id, t("removal.dragHandle", { label: measure.title })) : null}
        <Heading level={level} id={`${anchor}-heading`}>
          {measure.title}
        </Heading>
        <StatusBadge kind="measure" value={measure.status} label={t(`measure.status.${measure.status}`)} />
        {own ? <span className="badge badge-mine">{t("measure.mine")}</span> : null}
        {canEdit ? (
          <div className="item-actions">
            <EditToggle state={edit} label={measure.title} />
            {plan.access.canEditPlan ? <MoveButtons kind="measure" id={measure.id} order={siblings} label={measure.title} anchor={anchor} /> : null}
          </div>
        ) : null}
      </div>
      {/* Those who may change it read the stored text until "Endre"; those who only read follow it live. */}
      {edit.open ? null : canEdit ? <StoredText html={storedHtml(plan, descriptionDoc)} text={measure.description} empty="" /> : description}
      <dl className="facts facts-compact">
        {facts.map(([label, value]) => (
          <div className="facts-row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canEdit ? (
        <InPlaceEdit
          state={edit}
          live={description}
        >
          <MeasureEditForm measure={measure} choices={choices} canAssign={plan.access.canEditPlan} />
          {plan.access.canEditPlan ? <DeleteItem kind="measure" id={measure.id} label={measure.title} anchor={`goal-${measure.goalId}`} /> : null}
        </InPlaceEdit>
      ) : null}
      <div className="item-footer">
        <Evaluations plan={plan} measureId={measure.id} canEvaluate={canEdit} level={level + 1} anchor={anchor} editing={edit.open} />
        <Comments plan={plan} targetType="measure" targetId={measure.id} level={level + 1} anchor={anchor} />
      </div>
    </li>
  );
}
