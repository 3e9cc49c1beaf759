// Chats come into being when a contact first writes to a line (or, on the sandbox line, when the
// line first writes to its paired phone).
import { newId } from "../ids.ts";
import { sql, type Db } from "./db.ts";
import { chatById, findChat } from "./lookups.ts";
import type { ChatRow, LineRow } from "./rows.ts";

/** How Apple names the service of a chat, by the line's service. */
const CHAT_SERVICE: Record<string, string> = { imessage: "iMessage", sms: "SMS", auto: "iMessage" };

export interface NewChat {
  /** The contact's handle for a one-to-one chat, or the chat ID a group chat gets. */
  identifier: string;
  group?: { id: string; name: string | null };
}

export function ensureChat(db: Db, line: LineRow, chat: NewChat, participant: string): ChatRow {
  const existing = findChat(db, line, chat.group?.id ?? chat.identifier);
  if (existing) return addParticipant(db, existing, participant);
  const id = chat.group?.id ?? newId("ChatId");
  sql(
    db,
    `INSERT INTO chats (id, line_id, identifier, service, name, is_group, participants, last_message_at, has_received_inbound)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0)`,
  ).run(id, line.id, chat.identifier, CHAT_SERVICE[line.service] ?? "iMessage", chat.group?.name ?? null, chat.group ? 1 : 0, JSON.stringify([participant]));
  return chatById(db, id)!;
}

function addParticipant(db: Db, chat: ChatRow, participant: string): ChatRow {
  const participants = JSON.parse(chat.participants) as string[];
  if (participants.includes(participant)) return chat;
  const updated = JSON.stringify([...participants, participant]);
  sql(db, "UPDATE chats SET participants = ? WHERE id = ?").run(updated, chat.id);
  return { ...chat, participants: updated };
}

/** Records a message in the chat: its time, and for an inbound one that contact-first is met. */
export function touchChat(db: Db, chatId: string, at: number, inbound: boolean): void {
  sql(db, "UPDATE chats SET last_message_at = MAX(COALESCE(last_message_at, 0), ?), has_received_inbound = has_received_inbound OR ? WHERE id = ?").run(at, inbound ? 1 : 0, chatId);
}
