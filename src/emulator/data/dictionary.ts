// String interning: each distinct string is stored once and referred to by a small integer id.
// This is what keeps a million events in a few megabytes (dictionary encoding).

export class Dictionary {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** Id of the string, adding it when new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** Id of the string, or -1 when never seen (lookups must not grow the dictionary). */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  value(id: number): string {
    return this.values[id] as string;
  }

  get size(): number {
    return this.values.length;
  }

  clear(): void {
    this.ids.clear();
    this.values.length = 0;
  }
}
