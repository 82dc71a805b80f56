// Does a name (parameter name, data-layer path, form field) look like personal data?
// Word-based, so "item_name" and "file_url" pass while "email", "user.phone" and "lastName" do not.

const piiWords = new Set([
  "email",
  "e_mail",
  "mail",
  "phone",
  "telephone",
  "tel",
  "mobile",
  "fax",
  "surname",
  "firstname",
  "lastname",
  "fullname",
  "username",
  "address",
  "street",
  "zip",
  "zipcode",
  "postcode",
  "postal",
  "birthday",
  "birthdate",
  "dob",
  "ssn",
  "passport",
  "iban",
  "password",
]);
// "name" alone is fine for items and files; it is personal after these words.
const personWords = new Set([
  "first",
  "last",
  "full",
  "given",
  "family",
  "middle",
  "user",
  "customer",
  "contact",
  "person",
  "client",
  "maiden",
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The personal-data word found in the name, if any. */
export function piiWordIn(name: string): string | undefined {
  const ws = words(name);
  if (ws.length === 1 && ws[0] === "name") return "name";
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (piiWords.has(w)) return w;
    if (w === "e" && ws[i + 1] === "mail") return "e_mail";
    if (w === "name" && i > 0 && personWords.has(ws[i - 1]!)) return `${ws[i - 1]}_name`;
    if (w === "card" && (ws[i - 1] === "credit" || ws[i + 1] === "number")) return "card number";
  }
  return undefined;
}

export const emailLike = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
export const phoneLike = /^\+?\d[\d\s().-]{7,}$/;
