// Queuing a write: the row every write endpoint answers with, and the injected failures that decide
// at queue time whether a write will end `failed`.
import type { EmulatorContext } from "../context.ts";
import { newId } from "../ids.ts";
import type { Db } from "../state/db.ts";
import { insertOutboxItem } from "../state/outbox.ts";
import type { OutboxKind } from "../state/rows.ts";
import { saveSetting, setting } from "../state/settings.ts";

export const DEFAULT_FAILURE = "Delivery failed: the emulator was told to fail this write (POST /_emulator/failures).";

interface InjectedFailures {
  count: number;
  error: string;
}

export function injectFailures(db: Db, failures: InjectedFailures): void {
  saveSetting(db, "failures", JSON.stringify(failures));
}

/** The error the next write must fail with, if failures were injected; uses one of them up. */
function takeFailure(db: Db): string | null {
  const saved = setting(db, "failures");
  if (saved === undefined) return null;
  const failures = JSON.parse(saved) as InjectedFailures;
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
  insertOutboxItem(db, {
    id, line_id: lineId, kind, payload: JSON.stringify(payload), target: JSON.stringify(target),
    max_attempts: config.outbox.max_attempts, created_at: now, due_at: now + config.outbox.claim_after_ms, fail_with: takeFailure(db),
  });
  return id;
}
