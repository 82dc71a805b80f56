// What looks like personal data in a field sent to GA4: an e-mail address or a phone number.
// Google's terms forbid sending either; a CRM export easily carries one in an id column.
// GA client ids (digits.digits) and plain numeric ids are not phone numbers.

const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;
/** Digits with phone punctuation: +, 00 prefix, spaces, dashes, parentheses or dotted groups. */
const PHONE_SHAPE = /^(?:\+|00)?[\d\s().\-/]+$/;

export type PersonalDataKind = "an e-mail address" | "a phone number";

export function personalDataIn(value: string): PersonalDataKind | undefined {
  if (EMAIL.test(value) || /%40/i.test(value)) return "an e-mail address";
  const v = value.trim();
  if (!PHONE_SHAPE.test(v)) return undefined;
  const digits = v.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return undefined;
  const international = v.startsWith("+");
  const separated = /[\s()\-/]/.test(v) || (v.match(/\./g) ?? []).length >= 2;
  return international || separated ? "a phone number" : undefined;
}
