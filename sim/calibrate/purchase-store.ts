/**
 * Every customer's purchase days, same-day purchases merged (amounts summed), kept in date order.
 *
 * Memory is what a log needs and no more: 16 bytes per distinct (customer, day) in typed arrays
 * plus one id string per customer — never the file's text or an object per row. Each customer's
 * days form a linked list sorted by day with a tail pointer, so the usual export (one customer's
 * rows in date order) appends in O(1) and any other order still merges correctly.
 */
export class PurchaseStore {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private day = new Int32Array(4096);
  private amount = new Float64Array(4096);
  private nextNode = new Int32Array(4096);
  private nodes = 0;
  private lastId: string | undefined;
  private lastCustomer = -1;

  get customers(): number {
    return this.ids.length;
  }

  /** Records a purchase; returns true when it merged into one already on that day. */
  add(id: string, day: number, amount: number): boolean {
    // Exports often list one customer's rows together: skip the lookup for a repeat.
    let c = id === this.lastId ? this.lastCustomer : this.index.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.ids.push(id);
      this.index.set(id, c);
      if (c >= this.head.length) {
        this.head = grow(this.head);
        this.tail = grow(this.tail);
      }
      const node = this.node(day, amount, -1);
      this.head[c] = node;
      this.tail[c] = node;
      this.lastId = id;
      this.lastCustomer = c;
      return false;
    }
    this.lastId = id;
    this.lastCustomer = c;
    const last = this.tail[c];
    if (day > this.day[last]) {
      const node = this.node(day, amount, -1);
      this.nextNode[last] = node;
      this.tail[c] = node;
      return false;
    }
    if (day === this.day[last]) {
      this.amount[last] += amount;
      return true;
    }
    let previous = -1;
    let current = this.head[c];
    while (current !== -1 && this.day[current] < day) {
      previous = current;
      current = this.nextNode[current];
    }
    if (current !== -1 && this.day[current] === day) {
      this.amount[current] += amount;
      return true;
    }
    const node = this.node(day, amount, current);
    if (previous === -1) this.head[c] = node;
    else this.nextNode[previous] = node;
    return false;
  }

  /** Calls back with each of a customer's purchase days in order and the day's total amount. */
  forEachPurchase(customer: number, visit: (day: number, amount: number) => void): void {
    for (let n = this.head[customer]; n !== -1; n = this.nextNode[n])
      visit(this.day[n], this.amount[n]);
  }

  /**
   * A customer's purchase days without a callback, for tight loops:
   * `for (let n = store.first(c); n !== -1; n = store.next(n)) store.dayOf(n)`.
   */
  first(customer: number): number {
    return this.head[customer];
  }

  next(node: number): number {
    return this.nextNode[node];
  }

  dayOf(node: number): number {
    return this.day[node];
  }

  amountOf(node: number): number {
    return this.amount[node];
  }

  /** A customer's first purchase day. */
  firstDay(customer: number): number {
    return this.day[this.head[customer]];
  }

  private node(day: number, amount: number, next: number): number {
    if (this.nodes >= this.day.length) {
      this.day = grow(this.day);
      this.amount = grow(this.amount);
      this.nextNode = grow(this.nextNode);
    }
    const n = this.nodes++;
    this.day[n] = day;
    this.amount[n] = amount;
    this.nextNode[n] = next;
    return n;
  }
}

function grow<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
