// Events: each one becomes a pending delivery for every active webhook of the line (or of every
// line) subscribed to it, written in the same transaction as the change that caused it.
import type { components } from "../../generated/schema.d.ts";
import type { JsonObject } from "../../spec/openapi.ts";
import type { EmulatorContext } from "../context.ts";
import { newId } from "../ids.ts";
import { sql } from "../state/db.ts";
import { lineById } from "../state/lookups.ts";
import { ALL_LINES, toWebhookMessage, toWebhookReaction } from "../state/resources.ts";
import type { MessageRow, ReactionRow, WebhookRow } from "../state/rows.ts";

/** The events the spec lets a webhook subscribe to. */
type WebhookEvent = components["schemas"]["WebhookEventType"];

export function fireEvent(emulator: EmulatorContext, lineId: string, event: WebhookEvent, data: JsonObject): void {
  const webhooks = sql(emulator.db, "SELECT * FROM webhooks WHERE line_id IN (?, ?) AND is_active = 1").all(lineId, ALL_LINES) as WebhookRow[];
  const now = emulator.clock.now();
  let queued = 0;
  for (const webhook of webhooks) {
    if (!(JSON.parse(webhook.events) as string[]).includes(event)) continue;
    sql(
      emulator.db,
      `INSERT INTO deliveries (id, webhook_id, event, data, url, attempts, status, last_status_code, created_at, delivered_at, due_at)
       VALUES (?, ?, ?, ?, ?, 0, 'pending', NULL, ?, NULL, ?)`,
    ).run(newId("DeliveryId"), webhook.id, event, JSON.stringify(data), webhook.url, now, now);
    queued += 1;
  }
  if (queued > 0) emulator.wake();
}

export function fireMessageEvent(emulator: EmulatorContext, message: MessageRow): void {
  const line = lineById(emulator.db, message.line_id);
  const event = message.is_from_me === 1 ? "message.sent" : "message.received";
  fireEvent(emulator, line.id, event, toWebhookMessage(message, line.handle));
}

export function fireReactionEvent(emulator: EmulatorContext, reaction: ReactionRow): void {
  const line = lineById(emulator.db, reaction.line_id);
  fireEvent(emulator, line.id, reaction.added === 1 ? "reaction.added" : "reaction.removed", toWebhookReaction(reaction, line.handle));
}
