// Group commit: the writes of one turn of the event loop share one SQLite transaction, committed
// before any of their responses is sent. Each write still runs in its own savepoint, so one that
// throws is rolled back alone. With a file database this turns many small commits (each appending
// its pages to the WAL) into one, without acknowledging anything that is not yet committed.
import type { Db } from "./db.ts";

export class GroupCommit {
  private open = false;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly db: Db) {}

  /** Runs `write` in the current group; resolves with its result once the group is committed. */
  run<T>(write: () => T): Promise<T> {
    if (!this.open) {
      // Inside a transaction someone else opened, that transaction's commit is the one that counts.
      if (this.db.inTransaction) return Promise.resolve(this.db.transaction(write)());
      this.db.begin();
      this.open = true;
      setImmediate(() => this.commit());
    }
    const result = this.db.transaction(write)();
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve: () => resolve(result), reject }));
  }

  /** Commits the open group, if any. */
  commit(): void {
    if (!this.open) return;
    this.open = false;
    const waiting = this.waiting;
    this.waiting = [];
    try {
      this.db.commit();
      for (const { resolve } of waiting) resolve();
    } catch (error) {
      for (const { reject } of waiting) reject(error);
    }
  }
}
