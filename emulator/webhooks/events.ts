// Events: each one becomes a pending delivery for every active webhook of the line (or of every
// line) subscribed to it, written in the same transaction as the change that caused it.
import type { components } from "../../generated/schema.d.ts";
import type { JsonObject } from "../../spec/openapi.ts";
import type { EmulatorContext } from "../context.ts";
import { newId } from "../ids.ts";
import { lineById } from "../state/lookups.ts";
import { ALL_LINES, toWebhookMessage, toWebhookReaction } from "../state/resources.ts";
import type { MessageRow, ReactionRow } from "../state/rows.ts";
import { activeWebhooks, insertDelivery } from "../state/webhooks.ts";

/** The events the spec lets a webhook subscribe to. */
type WebhookEvent = components["schemas"]["WebhookEventType"];

function fireEvent(emulator: EmulatorContext, lineId: string, event: WebhookEvent, data: JsonObject): void {
  const webhooks = activeWebhooks(emulator.db, [lineId, ALL_LINES]);
  const now = emulator.clock.now();
  let queued = 0;
  for (const webhook of webhooks) {
    if (!(JSON.parse(webhook.events) as string[]).includes(event)) continue;
    insertDelivery(emulator.db, { id: newId("DeliveryId"), webhook_id: webhook.id, event, data: JSON.stringify(data), url: webhook.url, created_at: now, due_at: now });
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
