// Password sign-in's second step (a one-time code from an app, recovery codes) and its place in "Min konto".
export const secondFactorNb = {
  passwordSignIn: {
    off: "Passordinnlogging er slått av i kommunen. Logg inn med ID-porten eller som ansatt.",
  },
  secondFactor: {
    // Messages from the server.
    expired: "Innloggingen ble ikke fullført i tide. Logg inn på nytt med e-post og passord.",
    wrongCode: "Koden stemmer ikke. Prøv igjen med koden som vises i appen nå.",
    notSetUp: "Totrinnsinnlogging er ikke satt opp for kontoen.",
    alreadySetUp: "Totrinnsinnlogging er allerede satt opp. Logg inn på nytt.",
    // The set-up page.
    setupTitle: "Sett opp totrinnsinnlogging",
    setupIntro:
      "Når du logger inn med passord, må du også oppgi en engangskode. Koden lager du med en app på telefonen, for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP.",
    setupStep1: "1. Legg kontoen til i appen",
    setupScan: "Skann QR-koden med appen.",
    qrLabel: "QR-kode for å legge kontoen til i appen for engangskoder",
    setupKey: "Får du ikke skannet? Skriv inn denne nøkkelen i appen:",
    setupLink: "Åpne i appen for engangskoder (på denne enheten)",
    setupStep2: "2. Skriv inn koden appen viser",
    confirm: "Bekreft og logg inn",
    // The code page.
    codeTitle: "Skriv inn engangskode",
    codeIntro: "Åpne appen for engangskoder og skriv inn den sekssifrede koden for Individuell plan.",
    codeLabel: "Engangskode",
    codeHint: "Seks sifre. Har du ikke telefonen? Skriv inn en av reservekodene dine i stedet.",
    setupCodeHint: "Seks sifre. Koden skifter hvert 30. sekund.",
    submit: "Logg inn",
    expiredTitle: "Innloggingen er utløpt",
    startAgain: "Logg inn på nytt",
    // Recovery codes, shown once.
    recoveryTitle: "Reservekoder",
    recoveryIntro:
      "Ta vare på disse kodene, for eksempel utskrevet på et trygt sted. Mister du telefonen, kan du logge inn med én av dem i stedet for engangskoden. Hver kode virker én gang. Kodene vises bare nå.",
    recoveryListLabel: "Dine reservekoder",
    print: "Skriv ut",
    continue: "Jeg har tatt vare på kodene – fortsett",
    // Min konto.
    accountTitle: "Totrinnsinnlogging",
    accountOn: "Satt opp {{date}}. Du har {{count}} ubrukte reservekoder.",
    accountPending: "Neste gang du logger inn med passord, setter du opp en engangskode fra en app på telefonen.",
    accountDemo: "Ikke i bruk: i demokommunen logger kontoene inn med passord alene.",
    accountNoPassword: "Du logger inn med ID-porten eller som ansatt. Det andre trinnet tas hånd om der.",
    accountPasswordOff: "Passordinnlogging er slått av i kommunen. Du logger inn med ID-porten eller som ansatt.",
    usedRecovery: "Du logget inn med en reservekode. Du har {{count}} igjen. Lag nye når du har få igjen.",
    renew: "Lag nye reservekoder",
    renewHint: "De gamle kodene slutter å virke med en gang.",
    renewCodeHint: "Skriv inn de seks sifrene som appen for engangskoder viser nå.",
    renewed: "Nye reservekoder er laget. De gamle virker ikke lenger.",
  },
};

export const secondFactorEn: typeof secondFactorNb = {
  passwordSignIn: {
    off: "Password sign-in is switched off in the municipality. Sign in with ID-porten or as staff.",
  },
  secondFactor: {
    expired: "The sign-in was not completed in time. Sign in again with e-mail and password.",
    wrongCode: "The code is not right. Try again with the code the app shows now.",
    notSetUp: "Two-step sign-in is not set up for the account.",
    alreadySetUp: "Two-step sign-in is already set up. Sign in again.",
    setupTitle: "Set up two-step sign-in",
    setupIntro:
      "When you sign in with a password, you also give a one-time code. The code comes from an app on your phone, for example Microsoft Authenticator, Google Authenticator or FreeOTP.",
    setupStep1: "1. Add the account to the app",
    setupScan: "Scan the QR code with the app.",
    qrLabel: "QR code to add the account to the one-time code app",
    setupKey: "Cannot scan? Type this key into the app:",
    setupLink: "Open in the one-time code app (on this device)",
    setupStep2: "2. Type the code the app shows",
    confirm: "Confirm and sign in",
    codeTitle: "Enter a one-time code",
    codeIntro: "Open the one-time code app and type the six-digit code for Individuell plan.",
    codeLabel: "One-time code",
    codeHint: "Six digits. Don't have your phone? Type one of your recovery codes instead.",
    setupCodeHint: "Six digits. The code changes every 30 seconds.",
    submit: "Sign in",
    expiredTitle: "The sign-in has expired",
    startAgain: "Sign in again",
    recoveryTitle: "Recovery codes",
    recoveryIntro:
      "Keep these codes safe, for example printed in a safe place. If you lose your phone, you can sign in with one of them instead of the one-time code. Each code works once. They are shown only now.",
    recoveryListLabel: "Your recovery codes",
    print: "Print",
    continue: "I have kept the codes – continue",
    accountTitle: "Two-step sign-in",
    accountOn: "Set up {{date}}. You have {{count}} unused recovery codes.",
    accountPending: "Next time you sign in with a password, you set up a one-time code from an app on your phone.",
    accountDemo: "Not in use: in the demo municipality accounts sign in with a password alone.",
    accountNoPassword: "You sign in with ID-porten or as staff. The second step is taken care of there.",
    accountPasswordOff: "Password sign-in is switched off in the municipality. You sign in with ID-porten or as staff.",
    usedRecovery: "You signed in with a recovery code. You have {{count}} left. Make new ones when you have few left.",
    renew: "Make new recovery codes",
    renewHint: "The old codes stop working at once.",
    renewCodeHint: "Type the six digits your one-time code app shows now.",
    renewed: "New recovery codes are made. The old ones no longer work.",
  },
};
