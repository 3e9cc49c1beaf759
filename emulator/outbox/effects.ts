// What a write does once it is `sent`: the outgoing message appears in its chat, the tapback on its
// message, the typing bubble or read receipt in the chat; and the matching webhook fires.
import type { JsonObject } from "../../spec/openapi.ts";
import type { EmulatorContext } from "../context.ts";
import { chatById, fileById, lineById, storageUrl } from "../state/lookups.ts";
import { insertMessage, markRead, setTyping, upsertReaction } from "../state/records.ts";
import type { OutboxRow } from "../state/rows.ts";
import { fireMessageEvent, fireReactionEvent } from "../webhooks/events.ts";
import type { WriteTarget } from "./queue.ts";

export function applySentWrite(emulator: EmulatorContext, item: OutboxRow, now: number): void {
  const { db } = emulator;
  const target = JSON.parse(item.target) as WriteTarget;
  const payload = JSON.parse(item.payload) as Record<string, unknown>;
  const line = lineById(db, item.line_id);
  const chat = chatById(db, target.chat_id)!;
  switch (item.kind) {
    case "message":
    case "audio_message": {
      const message = insertMessage(db, {
        chat,
        sender: line.handle,
        text: typeof payload.text === "string" ? payload.text : null,
        attachments: (target.file_ids ?? []).map((id) => attachment(emulator, id)),
        isFromMe: true,
        isAudioMessage: item.kind === "audio_message",
        outboxId: item.id,
        replyToGuid: target.reply_to_guid ?? null,
        at: now,
      });
      fireMessageEvent(emulator, message);
      return;
    }
    case "reaction": {
      const reaction = upsertReaction(db, {
        messageId: String(target.message_id), chatId: chat.id, lineId: line.id, type: String(payload.type),
        sender: line.handle, isFromMe: true, added: true, at: now,
      });
      fireReactionEvent(emulator, reaction);
      return;
    }
    case "typing":
      setTyping(db, chat.id, line.handle, payload.state !== "off", now);
      return;
    case "read_receipt":
      markRead(db, chat.id, line.handle, now);
      return;
  }
}

function attachment(emulator: EmulatorContext, fileId: string): JsonObject {
  const file = fileById(emulator.db, fileId);
  if (!file) return { filename: null, mime_type: null, size: null, url: null };
  return { filename: file.filename, mime_type: file.mime_type, size: file.size, url: storageUrl(emulator, file) };
}
