const INITIAL_CAPACITY = 64;

/**
 * A member's pending sends: a binary min-heap on time (hours since day 0) over parallel typed
 * arrays. Each entry is a rule, the time its sequence started (for exit goals), how many repeats
 * are left and a reference that tells a stale event from a live one.
 */
export class Schedule {
  size = 0;
  private time = new Float64Array(INITIAL_CAPACITY);
  private rule = new Int32Array(INITIAL_CAPACITY);
  private series = new Float64Array(INITIAL_CAPACITY);
  private left = new Int32Array(INITIAL_CAPACITY);
  private ref = new Float64Array(INITIAL_CAPACITY);

  clear(): void {
    this.size = 0;
  }

  peekTime(): number {
    return this.time[0];
  }
  peekRule(): number {
    return this.rule[0];
  }
  peekSeries(): number {
    return this.series[0];
  }
  peekLeft(): number {
    return this.left[0];
  }
  peekRef(): number {
    return this.ref[0];
  }

  push(time: number, rule: number, series: number, left: number, ref: number): void {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    // Sift up; ties keep a deterministic order because the operations are deterministic.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.time[parent] <= time) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, time, rule, series, left, ref);
  }

  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const time = this.time[last];
    const rule = this.rule[last];
    const series = this.series[last];
    const left = this.left[last];
    const ref = this.ref[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.time[child + 1] < this.time[child]) child++;
      if (this.time[child] >= time) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, time, rule, series, left, ref);
  }

  private set(
    i: number,
    time: number,
    rule: number,
    series: number,
    left: number,
    ref: number,
  ): void {
    this.time[i] = time;
    this.rule[i] = rule;
    this.series[i] = series;
    this.left[i] = left;
    this.ref[i] = ref;
  }

  private move(from: number, to: number): void {
    this.set(
      to,
      this.time[from],
      this.rule[from],
      this.series[from],
      this.left[from],
      this.ref[from],
    );
  }

  private grow(): void {
    const n = this.time.length * 2;
    const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.time = grow(this.time, new Float64Array(n));
    this.rule = grow(this.rule, new Int32Array(n));
    this.series = grow(this.series, new Float64Array(n));
    this.left = grow(this.left, new Int32Array(n));
    this.ref = grow(this.ref, new Float64Array(n));
  }
}
