// Queuing a write: the row every write endpoint answers with, and the injected failures that decide
// at queue time whether a write will end `failed`.
import type { EmulatorContext } from "../context.ts";
import { newId } from "../ids.ts";
import { sql, type Db } from "../state/db.ts";
import type { OutboxKind } from "../state/rows.ts";

export const DEFAULT_FAILURE = "Delivery failed: the emulator was told to fail this write (POST /_emulator/failures).";

interface InjectedFailures {
  count: number;
  error: string;
}

export function injectFailures(db: Db, failures: InjectedFailures): void {
  sql(db, "INSERT INTO settings (key, value) VALUES ('failures', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(failures));
}

/** The error the next write must fail with, if failures were injected; uses one of them up. */
function takeFailure(db: Db): string | null {
  const row = sql(db, "SELECT value FROM settings WHERE key = 'failures'").get() as { value: string } | undefined;
  if (!row) return null;
  const failures = JSON.parse(row.value) as InjectedFailures;
  if (failures.count <= 0) return null;
  injectFailures(db, { ...failures, count: failures.count - 1 });
  return failures.error;
}

/** What the worker needs to carry out the write, resolved when it was accepted. */
export interface WriteTarget {
  chat_id: string;
  file_ids?: string[];
  reply_to_guid?: string | null;
  message_id?: string;
}

export function enqueue(emulator: EmulatorContext, lineId: string, kind: OutboxKind, payload: Readonly<Record<string, unknown>>, target: WriteTarget): string {
  const { db, clock, config } = emulator;
  const id = newId("OutboxItemId");
  const now = clock.now();
  sql(
    db,
    `INSERT INTO outbox (id, line_id, kind, payload, target, status, attempts, max_attempts, created_at, completed_at, error, due_at, fail_with)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, NULL, NULL, ?, ?)`,
  ).run(id, lineId, kind, JSON.stringify(payload), JSON.stringify(target), config.outbox.max_attempts, now, now + config.outbox.claim_after_ms, takeFailure(db));
  return id;
}
