// Append-only typed-array columns that double their capacity, so appends are amortised O(1)
// and no per-event JavaScript objects are kept.

type TypedArray = Uint32Array | Int32Array | Float64Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = new (length: number) => T;

export class GrowableColumn<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** Appends many values at once (bulk loads): one copy, no per-value call. */
  pushAll(values: ArrayLike<number>): void {
    this.reserve(values.length);
    (this.data as { set(a: ArrayLike<number>, offset: number): void }).set(values, this.length);
    this.length += values.length;
  }

  /** Appends `count` copies of one value. */
  pushRepeated(value: number, count: number): void {
    this.reserve(count);
    this.data.fill(value, this.length, this.length + count);
    this.length += count;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + more) size *= 2;
    const next = new this.ctor(size);
    next.set(this.data as never);
    this.data = next;
  }

  private grow(): void {
    const next = new this.ctor(this.data.length * 2);
    next.set(this.data as never);
    this.data = next;
  }

  clear(): void {
    this.data = new this.ctor(1024);
    this.length = 0;
  }
}
