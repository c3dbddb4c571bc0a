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
};
