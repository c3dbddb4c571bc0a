import { json, type AppLoadContext } from "@remix-run/node";
import { runFormAction } from "./form-action.server.ts";
import type { FormResult } from "./form-result.ts";
import { text } from "./form-values.ts";

/** The answer to the invitation form: where it went, and the link when it could not be e-mailed. */
export interface InvitationResult extends FormResult {
  invitation?: { email: string; emailed: boolean; link: string | null };
}

/**
 * "Inviter til portalen" on a participant without an account. Always answered as data, with and
 * without JavaScript (never a redirect): the link must not go into an address. The link is shown
 * only when e-mail is not set up or failed; the coordinator copies it from the page.
 */
export function inviteAction(context: AppLoadContext, request: Request, form: FormData) {
  return runFormAction(context, form, (caller) => caller.participant.invite({ participantId: text(form, "participantId"), email: text(form, "email") }), {
    onSuccess: (invited, t) => {
      const origin = new URL(request.url).origin;
      return json<InvitationResult>({
        formId: text(form, "_formId") || "participant-invite",
        ok: true,
        message: invited.emailed ? t("invitation.sent", { email: invited.email }) : t("invitation.notSent", { email: invited.email }),
        invitation: { email: invited.email, emailed: invited.emailed, link: invited.emailed ? null : `${origin}${invited.path}` },
      });
    },
  });
}
