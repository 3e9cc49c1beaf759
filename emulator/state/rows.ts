// Rows as the database stores them. Booleans are 0/1 and lists are JSON text, as SQLite has them;
// a column that holds one of the spec's enums has the spec's type.
import type { components } from "../../generated/schema.d.ts";

type Schemas = components["schemas"];
export interface LineRow {
  seq: number; id: string; handle: string; label: string | null; service: Schemas["LineService"]; is_active: number;
  advanced_features: number; is_sandbox: number; paired_phone: string | null; daily_quota: number | null;
  activated_at: number | null;
}
export interface ChatRow {
  seq: number; id: string; line_id: string; identifier: string; service: string; name: string | null;
  is_group: number; participants: string; last_message_at: number | null; has_received_inbound: number;
}
export interface MessageRow {
  seq: number; id: string; line_id: string; chat_id: string; guid: string; sender: string; text: string | null;
  attachments: string; service: string | null; is_from_me: number; is_audio_message: number | null;
  sent_at: number; synced_at: number; outbox_id: string | null; reply_to_guid: string | null;
}
export interface ReactionRow {
  seq: number; id: string; message_id: string; chat_id: string; line_id: string; type: string; sender: string;
  is_from_me: number; added: number; sent_at: number; synced_at: number;
}
export interface TypingRow { seq: number; id: string; chat_id: string; handle: string; is_typing: number; updated_at: number }
export interface ReceiptRow { seq: number; id: string; chat_id: string; handle: string; last_read_at: number; synced_at: number }
export interface FileRow {
  seq: number; id: string; token: string; filename: string | null; mime_type: string; size: number; bytes: Uint8Array;
  created_at: number; uploaded_by: string | null;
}
export interface WebhookRow {
  seq: number; id: string; line_id: string; url: string; events: string; secret: string; is_active: number; created_at: number;
}
export type OutboxKind = "message" | "audio_message" | "reaction" | "typing" | "read_receipt";
export interface OutboxRow {
  seq: number; id: string; line_id: string; kind: OutboxKind; payload: string; target: string; status: Schemas["OutboxStatus"];
  attempts: number; max_attempts: number; created_at: number; completed_at: number | null; error: string | null;
  due_at: number; fail_with: string | null;
}
export interface DeliveryRow {
  seq: number; id: string; webhook_id: string; event: string; data: string; url: string; attempts: number;
  status: "pending" | "delivered" | "failed" | "cancelled"; last_status_code: number | null; created_at: number;
  delivered_at: number | null; due_at: number;
}
