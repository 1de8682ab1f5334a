/**
 * Gathers the public bookings that arrive while the database is busy into groups placed
 * in one transaction each (placementGroup.ts). At most `maxInFlight` groups run at once;
 * what arrives meanwhile waits for the next group, so under load groups grow by themselves
 * and with no load a booking goes straight on alone (a group of one is placed by
 * placement.ts, exactly as without groups).
 *
 * When a group's transaction fails as a whole (a write refused, a deadlock after retries,
 * a lost connection), each of its bookings is placed on its own instead, and gets that
 * attempt's answer.
 */
export interface GroupRunner<I, O> {
  /** Place several in one transaction: one result per input, a value or a refusal. */
  group(inputs: I[]): Promise<({ value: O } | { refused: Error })[]>;
  /** Place one alone. */
  one(input: I): Promise<O>;
  /** What two concurrent groups must not both hold (a booking's slot, its Idempotency-Key). */
  keysOf(input: I): readonly string[];
}

interface Waiting<I, O> {
  input: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class BookingGroups<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** The keys of the groups in flight, with how many of their bookings hold each. */
  private readonly busy = new Map<string, number>();

  constructor(
    private readonly runner: GroupRunner<I, O>,
    private readonly opts: { maxInFlight: number; maxGroup: number; onGroupFailed?: (err: unknown, size: number) => void },
  ) {}

  place(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Start groups on the next turn of the event loop, so that one turn's arrivals travel together. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
        const batch = this.take();
        if (batch.length === 0) break;
        this.start(batch);
      }
    });
  }

  /**
   * The next group: the longest-waiting bookings, up to maxGroup, leaving for later those
   * with a key (their slot, their Idempotency-Key) that a group in flight already holds.
   * Two groups of this instance then never compete for one seat or key, which would fail
   * one of them as a whole.
   */
  private take(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const later: Waiting<I, O>[] = [];
    for (const w of this.waiting) {
      if (batch.length < this.opts.maxGroup && !this.runner.keysOf(w.input).some((k) => this.busy.has(k))) batch.push(w);
      else later.push(w);
    }
    this.waiting = later;
    return batch;
  }

  private start(batch: Waiting<I, O>[]): void {
    this.inFlight++;
    const keys = batch.flatMap((w) => this.runner.keysOf(w.input));
    for (const k of keys) this.busy.set(k, (this.busy.get(k) ?? 0) + 1);
    void this.run(batch).finally(() => {
      this.inFlight--;
      for (const k of keys) {
        const n = this.busy.get(k)! - 1;
        if (n === 0) this.busy.delete(k);
        else this.busy.set(k, n);
      }
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    let results: Awaited<ReturnType<GroupRunner<I, O>['group']>>;
    try {
      results = await this.runner.group(batch.map((w) => w.input));
    } catch (err) {
      this.opts.onGroupFailed?.(err, batch.length);
      await Promise.all(batch.map((w) => this.alone(w)));
      return;
    }
    batch.forEach((w, k) => {
      const r = results[k]!;
      if ('value' in r) w.resolve(r.value);
      else w.reject(r.refused);
    });
  }

  private async alone(w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve(await this.runner.one(w.input));
    } catch (err) {
      w.reject(err);
    }
  }
}
