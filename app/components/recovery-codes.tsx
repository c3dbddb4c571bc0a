import { useTranslation } from "../i18n/use-translation.ts";

/** Recovery codes, shown once (after setting up the second factor, or renewed in "Min konto"): to copy, print or write down. */
export function RecoveryCodes({ codes, next, headingLevel }: { codes: string[]; next?: string; headingLevel: 1 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 1 ? "h1" : "h3";
  return (
    <div className="stack totp-recovery-box">
      <Heading>{t("secondFactor.recoveryTitle")}</Heading>
      <p role="status">{t("secondFactor.recoveryIntro")}</p>
      <ol className="totp-recovery" aria-label={t("secondFactor.recoveryListLabel")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t("secondFactor.print")}
        </button>
        {next ? (
          <a href={next} className="button-primary">
            {t("secondFactor.continue")}
          </a>
        ) : null}
      </div>
    </div>
  );
}
