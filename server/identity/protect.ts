import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { parseIdentityNumber, type IdentityNumber } from "../../app/domain/identity-number.ts";
import { DomainError } from "../errors.ts";

// Identity numbers and other secrets at rest (decision 015): AES-256-GCM for what must be read
// back (the archive, a provider's client secret), and HMAC-SHA-256 to find a person by their
// number without storing it in clear. Both keys come from one IDENTITY_KEY (32 bytes, base64)
// through HKDF, so one secret is kept by the operators.

// Outside production only: a fixed key, so the demo and the tests need no setup. It is public;
// nothing sealed with it is secret.
const DEVELOPMENT_KEY = Buffer.alloc(32, 7).toString("base64");
const VERSION = "v1";

interface Keys {
  seal: Buffer;
  hash: Buffer;
  /** For pseudonymous references handed to other systems (the register export): never the hash key. */
  pseudonym: Buffer;
}

let keys: Keys | undefined;

function derive(material: string): Keys {
  const root = Buffer.from(material, "base64");
  if (root.length !== 32) throw new Error("IDENTITY_KEY må være 32 byte i base64 (for eksempel: openssl rand -base64 32).");
  const subkey = (info: string) => Buffer.from(hkdfSync("sha256", root, Buffer.alloc(0), info, 32));
  return { seal: subkey("ip-portal identity seal"), hash: subkey("ip-portal identity hash"), pseudonym: subkey("ip-portal register pseudonym") };
}

/** Called at boot with the environment: production without a key does not start. */
export function configureIdentityKey(key: string | undefined, production: boolean): void {
  if (!key && production) throw new Error("IDENTITY_KEY mangler: identitetsnumre kan ikke lagres uten en nøkkel.");
  keys = derive(key ?? DEVELOPMENT_KEY);
}

function currentKeys(): Keys {
  if (!keys) configureIdentityKey(process.env.IDENTITY_KEY, process.env.NODE_ENV === "production");
  return keys!;
}

/** Encrypts a short secret: "v1:" + base64url(iv | ciphertext | tag). */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", currentKeys().seal, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

export function unseal(sealed: string): string {
  const [version, payload] = sealed.split(":");
  if (version !== VERSION || !payload) throw new Error("unknown sealed format");
  const raw = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", currentKeys().seal, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}

/** The keyed hash a person is found by: the same number always gives the same hash. */
export function identityHash(value: string): string {
  return createHmac("sha256", currentKeys().hash).update(value).digest("hex");
}

/**
 * A stable pseudonymous reference for a person in files handed to other systems (the register
 * export, issue 15): HMAC-SHA-256 of the person's id with its own key, so the same person gets
 * the same reference every time and it cannot be turned back into the id without the key.
 */
export function registerPseudonym(userId: string): string {
  return createHmac("sha256", currentKeys().pseudonym).update(userId).digest("hex");
}

/** Synthetic test numbers are accepted everywhere but production. */
export const allowSyntheticNumbers = () => process.env.NODE_ENV !== "production";

/** Reads a typed identity number or answers BAD_REQUEST with what is wrong, in words a person understands. */
export function requireIdentityNumber(input: string): IdentityNumber {
  const parsed = parseIdentityNumber(input, { allowSynthetic: allowSyntheticNumbers() });
  if (!parsed.ok) throw new DomainError("BAD_REQUEST", `identity.problem.${parsed.problem}`);
  return parsed.number;
}

/** The columns a person's identity number is stored in, with the birth date it says (search). */
export function protectIdentityNumber(value: string): { identityEnc: string; identityHash: string; birthDate: Date | null } {
  return { identityEnc: seal(value), identityHash: identityHash(value), birthDate: birthDateColumn(value) };
}

/**
 * The birth date an identity number says, for a date column (midnight UTC), or null. The number
 * was checked by whoever stored it, under their rules; here it is only read.
 */
export function birthDateColumn(value: string): Date | null {
  const parsed = parseIdentityNumber(value, { allowSynthetic: true });
  return parsed.ok ? new Date(`${parsed.number.birthDate}T00:00:00Z`) : null;
}

/** The same from a sealed number (a case's, a person's), or null. */
export function birthDateOfSealed(sealed: string | null | undefined): Date | null {
  return sealed ? birthDateColumn(unseal(sealed)) : null;
}
