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
