// The simulated line devices: they move each queued write pending → claimed → sent, or back to
// pending for another attempt when a failure was injected, and to failed after max_attempts.
import type { EmulatorContext } from "../context.ts";
import { dueOutboxItems, openOutboxItems, saveOutboxStep } from "../state/outbox.ts";
import type { OutboxRow } from "../state/rows.ts";
import { applySentWrite } from "./effects.ts";

const BATCH = 50;
/**
 * How long one tick may work. The simulated devices get at most this slice of each poll interval,
 * so a flood of writes queues up (as it would on a real line, which sends about one message a
 * second) instead of starving the API.
 */
export const TICK_BUDGET_MS = 5;

/** Advances the writes whose next step is due, oldest first, within a time budget; returns how many steps were taken. */
export function advanceDueWrites(emulator: EmulatorContext, budgetMs = Number.POSITIVE_INFINITY): number {
  const started = performance.now();
  let steps = 0;
  for (;;) {
    const due = dueOutboxItems(emulator.db, emulator.clock.now(), BATCH);
    if (due.length > 0) emulator.db.transaction(() => due.forEach((item) => step(emulator, item)))();
    steps += due.length;
    if (due.length < BATCH || performance.now() - started >= budgetMs) return steps;
  }
}

/** Takes every unfinished write to its final state now, whatever its schedule; returns how many. */
export function flushWrites(emulator: EmulatorContext): number {
  const open = openOutboxItems(emulator.db);
  emulator.db.transaction(() => {
    for (let item of open) {
      while (item.status === "pending" || item.status === "claimed") item = step(emulator, item);
    }
  })();
  return open.length;
}

function step(emulator: EmulatorContext, item: OutboxRow): OutboxRow {
  const now = emulator.clock.now();
  const { claim_after_ms: claimAfter, send_after_ms: sendAfter } = emulator.config.outbox;
  let next: OutboxRow;
  if (item.status === "pending") {
    next = { ...item, status: "claimed", attempts: item.attempts + 1, due_at: now + sendAfter };
  } else if (item.fail_with === null) {
    next = { ...item, status: "sent", completed_at: now };
    applySentWrite(emulator, next, now);
  } else if (item.attempts >= item.max_attempts) {
    next = { ...item, status: "failed", completed_at: now, error: item.fail_with };
  } else {
    next = { ...item, status: "pending", due_at: now + claimAfter };
  }
  saveOutboxStep(emulator.db, next);
  return next;
}
