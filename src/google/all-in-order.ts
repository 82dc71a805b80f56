// Independent calls at once (a call's latency is all the quota window's first slots wait for),
// failing like the same calls made one after another: every call settles, then the first failure in
// argument order is thrown, so which error a user reads does not depend on which answer came first.
export async function allInOrder<T extends readonly unknown[]>(
  calls: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(calls);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
