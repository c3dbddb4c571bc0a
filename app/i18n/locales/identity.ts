// Identity numbers and signing in through identity providers (ID-porten, staff providers).
export const identityNb = {
  identity: {
    problem: {
      format: "Fødselsnummeret må ha 11 siffer.",
      checkDigit: "Fødselsnummeret er ikke gyldig. Sjekk at alle sifrene er riktige.",
      date: "Fødselsnummeret har ikke en gyldig dato.",
      synthetic: "Dette er et testnummer og kan ikke brukes her.",
    },
    label: "Fødselsnummer eller D-nummer",
    masked: "Fødselsnummer: {{masked}}",
  },
  oidc: {
    providersLabel: "Måter å logge inn på",
    withProvider: "Logg inn med {{name}}",
    asStaff: "Logg inn som ansatt",
    withPassword: "Eller med e-post og passord",
    refused: {
      failed: "Innloggingen kunne ikke fullføres. Prøv igjen.",
      cancelled: "Innloggingen ble avbrutt.",
      unknownProvider: "Denne innloggingen finnes ikke lenger. Velg en annen måte å logge inn på.",
      lowAssurance: "Du må logge inn med et høyere sikkerhetsnivå (for eksempel BankID eller MinID med app).",
      noIdentity: "Vi fikk ikke fødselsnummeret ditt fra innloggingen. Prøv igjen.",
      noRole: "Du har ingen rolle i portalen ennå. Ta kontakt med administratoren i kommunen.",
      deactivated: "Kontoen din er deaktivert. Ta kontakt med kommunen.",
      otherPerson: "Innloggingen hører til en annen person enn kontoen. Ta kontakt med kommunen.",
    },
  },
};

export const identityEn: typeof identityNb = {
  identity: {
    problem: {
      format: "The national identity number must have 11 digits.",
      checkDigit: "The national identity number is not valid. Check that every digit is right.",
      date: "The national identity number does not have a valid date.",
      synthetic: "This is a test number and cannot be used here.",
    },
    label: "National identity number or D number",
    masked: "National identity number: {{masked}}",
  },
  oidc: {
    providersLabel: "Ways to sign in",
    withProvider: "Sign in with {{name}}",
    asStaff: "Sign in as staff",
    withPassword: "Or with e-mail and password",
    refused: {
      failed: "The sign-in could not be completed. Try again.",
      cancelled: "The sign-in was cancelled.",
      unknownProvider: "This way of signing in no longer exists. Choose another.",
      lowAssurance: "You must sign in with a higher level of assurance (for example BankID or MinID with the app).",
      noIdentity: "We did not get your national identity number from the sign-in. Try again.",
      noRole: "You have no role in the portal yet. Contact the municipality's administrator.",
      deactivated: "Your account is deactivated. Contact the municipality.",
      otherPerson: "The sign-in belongs to another person than the account. Contact the municipality.",
    },
  },
};
