// Why a sign-in through an identity provider was refused. The callback sends the browser to
// /login?feil=<reason>, and the page says it in words (`oidc.refused.<reason>`); anything else in
// that parameter is shown as the general "failed".
export const SIGN_IN_REFUSALS = ["failed", "cancelled", "unknownProvider", "lowAssurance", "noIdentity", "noRole", "deactivated", "otherPerson"] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

export const signInRefusalOf = (value: string | null): SignInRefusal | null =>
  value === null ? null : ((SIGN_IN_REFUSALS as readonly string[]).includes(value) ? (value as SignInRefusal) : "failed");
