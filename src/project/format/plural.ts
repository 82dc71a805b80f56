// "1 goal", "2 goals", "1,234 users": counts in prose read right in every message.

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : pluralWord}`;
}
