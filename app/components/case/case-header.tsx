import { useTranslation } from "../../i18n/use-translation.ts";
import type { CaseDetailView, CaseInternalView } from "../../lib/case-types.ts";
import { CaseStatusBadge, DeadlineFlag } from "./case-bits.tsx";
import { Receipt } from "../receipt.tsx";

/** The case's title, its status and its deadline warnings; the receipt after registering it. */
export function CaseHeader({ item, internal, registered }: { item: CaseDetailView; internal: CaseInternalView; registered: boolean }) {
  const { t } = useTranslation();
  const flags = (["decisionOverdue", "interimOverdue", "dueWithin7Days"] as const).filter((f) => internal[f]);
  return (
    <header className="card">
      <h1>{t("myCases.caseHeading", { type: t(`case.type.${item.type}`), reference: item.reference })}</h1>
      <p>
        <CaseStatusBadge status={internal.status} />
      </p>
      {flags.length ? (
        <ul className="flag-list">
          {flags.map((f) => (
            <li key={f}>
              <DeadlineFlag flag={f} />
            </li>
          ))}
        </ul>
      ) : null}
      <Receipt show={registered}>{t("cases.registered", { reference: item.reference })}</Receipt>
    </header>
  );
}
