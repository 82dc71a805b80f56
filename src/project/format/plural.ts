// "1 goal", "2 goals", "1,234 users": counts in prose read right in every message.

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${grouped(n)} ${n === 1 ? word : pluralWord}`;
}

// Integers grouped by hand: the first toLocaleString of a process loads ICU, 20–35 ms of
// `validate`'s cold start. Same text as toLocaleString("en-US").
function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${digits}` : digits;
}
