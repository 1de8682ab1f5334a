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

  constructor(
    private readonly runner: GroupRunner<I, O>,
    private readonly opts: { maxInFlight: number; maxGroup: number },
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
      while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) this.start(this.waiting.splice(0, this.opts.maxGroup));
    });
  }

  private start(batch: Waiting<I, O>[]): void {
    this.inFlight++;
    void this.run(batch).finally(() => {
      this.inFlight--;
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    let results: Awaited<ReturnType<GroupRunner<I, O>['group']>>;
    try {
      results = await this.runner.group(batch.map((w) => w.input));
    } catch {
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
