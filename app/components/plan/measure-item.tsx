import { useTranslation } from "react-i18next";
import { FINISHED_MEASURE_STATUSES, isOneOf } from "../../domain/lists.ts";
import { isDue } from "../../domain/oslo-time.ts";
import { collabDocument, storedHtml } from "../../lib/collab.ts";
import { responsibleName, type MeasureView, type PlanView } from "../../lib/plan-types.ts";
import { CollabEditor } from "../collab/collab-editor.tsx";
import { Comments } from "./comments.tsx";
import { Evaluations } from "./evaluations.tsx";
import { MeasureEditForm, type MeasureChoices } from "./measure-form.tsx";
import { DateText, Period, Heading, StatusBadge } from "./shared.tsx";

export function MeasureItem({ plan, measure, choices, level }: { plan: PlanView; measure: MeasureView; choices: MeasureChoices; level: number }) {
  const { t } = useTranslation();
  const anchor = `measure-${measure.id}`;
  const own = measure.responsibleUserId === plan.viewer.id;
  const canEdit = plan.access.canEditPlan || (plan.access.canEditOwnMeasures && own);
  const due = !isOneOf(FINISHED_MEASURE_STATUSES, measure.status) && isDue(measure.evaluationDate);
  const responsible = responsibleName(plan, measure);
  const descriptionDoc = collabDocument.measureDescription(measure.id);
  return (
    <li className="measure" id={anchor} aria-labelledby={`${anchor}-heading`}>
      <div className="item-head">
        <Heading level={level} id={`${anchor}-heading`}>
          {measure.title}
        </Heading>
        <StatusBadge kind="measure" value={measure.status} label={t(`measure.status.${measure.status}`)} />
        {own ? <span className="badge badge-mine">{t("measure.mine")}</span> : null}
      </div>
      {/* How the measure is carried out: a shared text, written by those who may change the measure. */}
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
      <dl className="facts">
        <div className="facts-row">
          <dt>{t("measure.field.amount")}</dt>
          <dd>{measure.amount || t("common.notSet")}</dd>
        </div>
        <div className="facts-row">
          <dt>{t("measure.field.responsible")}</dt>
          <dd>
            {responsible || t("measure.noResponsible")}
            {measure.unit ? `, ${measure.unit.name}` : ""}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("measure.period")}</dt>
          <dd>
            <Period from={measure.startDate} to={measure.endDate} />
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t("measure.field.evaluationDate")}</dt>
          <dd>
            <DateText value={measure.evaluationDate} />
            {due ? <span className="warning-text"> – {t("measure.evaluationDue")}</span> : null}
          </dd>
        </div>
      </dl>
      {canEdit ? <MeasureEditForm measure={measure} choices={choices} canAssign={plan.access.canEditPlan} /> : null}
      <Evaluations plan={plan} measureId={measure.id} canEvaluate={canEdit} level={level + 1} anchor={anchor} />
      <Comments plan={plan} targetType="measure" targetId={measure.id} level={level + 1} anchor={anchor} />
    </li>
  );
}
