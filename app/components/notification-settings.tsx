import { Form } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation.ts";
import { noticeKindKey, type NoticeKind } from "../domain/notice-kinds.ts";

export interface NotificationSettingsView {
  available: NoticeKind[];
  emailKinds: NoticeKind[];
  digest: boolean;
}

/** "Varsler på e-post": which kinds also come by e-mail, and one by one or once a day. Works without JavaScript. */
export function NotificationSettings({ settings, saved }: { settings: NotificationSettingsView; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="notification-settings-heading" className="card">
      <h2 id="notification-settings-heading">{t("notifications.settings.title")}</h2>
      <p>{t("notifications.settings.intro")}</p>
      {saved ? (
        <p role="status" className="alert alert-success">
          {t("notifications.settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="notification-settings" />
        <fieldset className="radio-group">
          <legend>{t("notifications.settings.kinds")}</legend>
          {settings.available.map((kind) => (
            <div key={kind} className="checkbox-field">
              <input id={`kind-${kind}`} type="checkbox" name="emailKinds" value={kind} defaultChecked={settings.emailKinds.includes(kind)} />
              <label htmlFor={`kind-${kind}`}>{t(noticeKindKey(kind))}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="radio-group">
          <legend>{t("notifications.settings.how")}</legend>
          <div className="radio">
            <input id="digest-no" type="radio" name="digest" value="no" defaultChecked={!settings.digest} />
            <label htmlFor="digest-no">{t("notifications.settings.single")}</label>
          </div>
          <div className="radio">
            <input id="digest-yes" type="radio" name="digest" value="yes" defaultChecked={settings.digest} />
            <label htmlFor="digest-yes">{t("notifications.settings.digest")}</label>
          </div>
        </fieldset>
        <button type="submit" className="button-primary">
          {t("notifications.settings.save")}
        </button>
      </Form>
    </section>
  );
}
