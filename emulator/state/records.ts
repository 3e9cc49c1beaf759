// Writing messages, reactions and per-participant chat state: shared by what the outbox delivers
// and what the simulation endpoints inject.
import type { JsonObject } from "../../spec/openapi.ts";
import { newGuid, newId } from "../ids.ts";
import { touchChat } from "./chats.ts";
import { sql, type Db } from "./db.ts";
import type { ChatRow, FileRow, MessageRow, ReactionRow } from "./rows.ts";

export interface NewMessage {
  chat: ChatRow;
  sender: string;
  text: string | null;
  attachments: JsonObject[];
  isFromMe: boolean;
  isAudioMessage: boolean;
  outboxId: string | null;
  replyToGuid: string | null;
  at: number;
}

export function insertMessage(db: Db, message: NewMessage): MessageRow {
  const id = newId("MessageId");
  sql(
    db,
    `INSERT INTO messages (id, line_id, chat_id, guid, sender, text, attachments, service, is_from_me, is_audio_message, sent_at, synced_at, outbox_id, reply_to_guid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id, message.chat.line_id, message.chat.id, newGuid(), message.sender, message.text, JSON.stringify(message.attachments),
    message.chat.service, message.isFromMe ? 1 : 0, message.isAudioMessage ? 1 : 0, message.at, message.at,
    message.outboxId, message.replyToGuid,
  );
  touchChat(db, message.chat.id, message.at, !message.isFromMe);
  return sql(db, "SELECT * FROM messages WHERE id = ?").get(id) as MessageRow;
}

export interface ReactionChange {
  messageId: string;
  chatId: string;
  lineId: string;
  type: string;
  sender: string;
  isFromMe: boolean;
  added: boolean;
  at: number;
}

/** A sender's tapback of one type on a message is one row; removing it keeps the row, `added: 0`. */
export function upsertReaction(db: Db, change: ReactionChange): ReactionRow {
  sql(
    db,
    `INSERT INTO reactions (id, message_id, chat_id, line_id, type, sender, is_from_me, added, sent_at, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id, sender, type) DO UPDATE SET added = excluded.added, sent_at = excluded.sent_at, synced_at = excluded.synced_at`,
  ).run(newId("ReactionId"), change.messageId, change.chatId, change.lineId, change.type, change.sender, change.isFromMe ? 1 : 0, change.added ? 1 : 0, change.at, change.at);
  return sql(db, "SELECT * FROM reactions WHERE message_id = ? AND sender = ? AND type = ?").get(change.messageId, change.sender, change.type) as ReactionRow;
}

export function setTyping(db: Db, chatId: string, handle: string, isTyping: boolean, at: number): void {
  sql(
    db,
    `INSERT INTO typing_indicators (id, chat_id, handle, is_typing, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (chat_id, handle) DO UPDATE SET is_typing = excluded.is_typing, updated_at = excluded.updated_at`,
  ).run(newId("TypingIndicatorId"), chatId, handle, isTyping ? 1 : 0, at);
}

export function markRead(db: Db, chatId: string, handle: string, at: number): void {
  sql(
    db,
    `INSERT INTO read_receipts (id, chat_id, handle, last_read_at, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (chat_id, handle) DO UPDATE SET last_read_at = excluded.last_read_at, synced_at = excluded.synced_at`,
  ).run(newId("ReadReceiptId"), chatId, handle, at, at);
}

export function insertFile(db: Db, file: Omit<FileRow, "seq">): void {
  sql(db, "INSERT INTO files (id, token, filename, mime_type, size, bytes, created_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(
    file.id, file.token, file.filename, file.mime_type, file.size, file.bytes, file.created_at, file.uploaded_by,
  );
}
