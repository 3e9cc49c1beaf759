// The outbox table: queued writes and the steps the simulated devices take them through.
import { sql, type Db } from "./db.ts";
import type { OutboxKind, OutboxRow } from "./rows.ts";

export type NewOutboxItem = Pick<OutboxRow, "id" | "line_id" | "kind" | "payload" | "target" | "max_attempts" | "created_at" | "due_at" | "fail_with">;

export function insertOutboxItem(db: Db, item: NewOutboxItem): void {
  sql(
    db,
    `INSERT INTO outbox (id, line_id, kind, payload, target, status, attempts, max_attempts, created_at, completed_at, error, due_at, fail_with)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, NULL, NULL, ?, ?)`,
  ).run(item.id, item.line_id, item.kind, item.payload, item.target, item.max_attempts, item.created_at, item.due_at, item.fail_with);
}

export function outboxItemById(db: Db, id: string): OutboxRow | undefined {
  return sql(db, "SELECT * FROM outbox WHERE id = ?").get(id) as OutboxRow | undefined;
}

/** Unfinished writes whose next step is due, oldest first. */
export function dueOutboxItems(db: Db, now: number, limit: number): OutboxRow[] {
  return sql(db, "SELECT * FROM outbox WHERE status IN ('pending', 'claimed') AND due_at <= ? ORDER BY due_at, seq LIMIT ?").all(now, limit) as OutboxRow[];
}

/** Every unfinished write, in the order it was queued. */
export function openOutboxItems(db: Db): OutboxRow[] {
  return sql(db, "SELECT * FROM outbox WHERE status IN ('pending', 'claimed') ORDER BY seq").all() as OutboxRow[];
}

export function saveOutboxStep(db: Db, item: OutboxRow): void {
  sql(db, "UPDATE outbox SET status = ?, attempts = ?, due_at = ?, completed_at = ?, error = ? WHERE id = ?").run(
    item.status, item.attempts, item.due_at, item.completed_at, item.error, item.id,
  );
}

/** How many writes of these kinds the line queued since a time. */
export function writesSince(db: Db, lineId: string, kinds: readonly [OutboxKind, OutboxKind], since: number): number {
  const { used } = sql(db, "SELECT COUNT(*) AS used FROM outbox WHERE line_id = ? AND kind IN (?, ?) AND created_at >= ?").get(lineId, ...kinds, since) as { used: number };
  return used;
}
