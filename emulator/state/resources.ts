// Rows turned into the API's resources, typed by the spec's own schemas (generated/schema.d.ts), so a
// field renamed or retyped in the spec no longer compiles here. The tests also validate every one
// against the bundle.
import type { components } from "../../generated/schema.d.ts";
import type { JsonObject } from "../../spec/openapi.ts";
import { sql, type Db } from "./db.ts";
import type { ChatRow, FileRow, LineRow, MessageRow, OutboxRow, ReactionRow, ReceiptRow, TypingRow, WebhookRow } from "./rows.ts";

type Schemas = components["schemas"];
/** A resource as a handler returns it: the server adds `request_id` to each answer. */
type Resource<Name extends keyof Schemas> = Omit<Schemas[Name], "request_id">;

const bool = (value: number | null) => (value === null ? null : value === 1);

export const toLine = (row: LineRow): Schemas["Line"] => ({
  id: row.id, handle: row.handle, label: row.label, service: row.service, is_active: row.is_active === 1,
});

export const toChat = (row: ChatRow): Schemas["Chat"] => ({
  id: row.id, line_id: row.line_id, identifier: row.identifier, service: row.service, name: row.name,
  is_group: row.is_group === 1, participants: JSON.parse(row.participants) as string[],
  last_message_at: row.last_message_at, has_received_inbound: row.has_received_inbound === 1,
});

export const toMessage = (row: MessageRow): Schemas["Message"] => ({
  id: row.id, line_id: row.line_id, chat_id: row.chat_id, guid: row.guid, sender: row.sender, text: row.text,
  attachments: JSON.parse(row.attachments) as Schemas["Attachment"][], service: row.service, is_from_me: row.is_from_me === 1,
  is_audio_message: bool(row.is_audio_message), sent_at: row.sent_at, synced_at: row.synced_at,
  outbox_id: row.outbox_id, reply_to_guid: row.reply_to_guid,
});

/** A message as webhooks deliver it: without `service` and `outbox_id`, with the line's handle. */
export function toWebhookMessage(row: MessageRow, lineHandle: string): Schemas["WebhookMessage"] {
  const { service: _service, outbox_id: _outboxId, ...message } = toMessage(row);
  return { ...message, line_handle: lineHandle };
}

export const toReaction = (row: ReactionRow): Schemas["Reaction"] => ({
  id: row.id, message_id: row.message_id, type: row.type, sender: row.sender, is_from_me: row.is_from_me === 1,
  added: row.added === 1, sent_at: row.sent_at, synced_at: row.synced_at,
});

export const toWebhookReaction = (row: ReactionRow, lineHandle: string): Schemas["WebhookReaction"] => ({
  ...toReaction(row), chat_id: row.chat_id, line_handle: lineHandle,
});

export const toTypingIndicator = (row: TypingRow): Schemas["TypingIndicator"] => ({
  id: row.id, chat_id: row.chat_id, handle: row.handle, is_typing: row.is_typing === 1, updated_at: row.updated_at,
});

export const toReadReceipt = (row: ReceiptRow): Schemas["ReadReceipt"] => ({
  id: row.id, chat_id: row.chat_id, handle: row.handle, last_read_at: row.last_read_at, synced_at: row.synced_at,
});

export const toFile = (row: FileRow, url: string): Resource<"UploadedFile"> => ({
  id: row.id, url, filename: row.filename, mime_type: row.mime_type, size: row.size,
});

/** The `line_id` of a webhook that receives every line's events (created without `from`). */
export const ALL_LINES = "*";

/** The lines a webhook receives: its one line, or every line there is. */
export function webhookLineIds(db: Db, row: Pick<WebhookRow, "line_id">): string[] {
  if (row.line_id !== ALL_LINES) return [row.line_id];
  return (sql(db, "SELECT id FROM lines ORDER BY seq").all() as { id: string }[]).map((line) => line.id);
}

export const toWebhook = (row: WebhookRow, lineIds: string[]): Schemas["Webhook"] => ({
  id: row.id, line_ids: lineIds, url: row.url, events: JSON.parse(row.events) as Schemas["WebhookEvents"], is_active: row.is_active === 1,
});

export const toOutboxItem = (row: OutboxRow): Omit<Resource<"OutboxItem">, "payload"> & { payload: JsonObject } => ({
  id: row.id, status: row.status, line_id: row.line_id, payload: JSON.parse(row.payload) as JsonObject, // the write's body as it was sent: JSON
  attempts: row.attempts, max_attempts: row.max_attempts, created_at: row.created_at, completed_at: row.completed_at,
  error: row.error,
});
