// Typing indicators and read receipts: per-participant state of a chat, listed per chat and
// written through the outbox.
import type { Handler } from "../context.ts";
import { existingChat, usableLine } from "../state/lookups.ts";
import { toReadReceipt, toTypingIndicator } from "../state/resources.ts";
import type { ReceiptRow, TypingRow } from "../state/rows.ts";
import { listReply } from "./lists.ts";
import { checkWrite, queueWrite } from "./writes.ts";

function chatOf(request: Parameters<Handler>[0], emulator: Parameters<Handler>[1]) {
  const line = usableLine(emulator.db, request.key, request.query.string("from"));
  return existingChat(emulator.db, line, request.query.string("to"));
}

export const listTypingIndicators: Handler = (request, emulator) => {
  const chat = chatOf(request, emulator);
  return listReply<TypingRow>(emulator, request, {
    list: `typing:${chat.id}`,
    select: "SELECT * FROM typing_indicators WHERE chat_id = ?",
    args: [chat.id],
    sortBy: "updated_at",
    sortValue: (row) => row.updated_at,
    toResource: toTypingIndicator,
  });
};

export const listReadReceipts: Handler = (request, emulator) => {
  const chat = chatOf(request, emulator);
  return listReply<ReceiptRow>(emulator, request, {
    list: `receipts:${chat.id}`,
    select: "SELECT * FROM read_receipts WHERE chat_id = ?",
    args: [chat.id],
    sortBy: "last_read_at",
    sortValue: (row) => row.last_read_at,
    toResource: toReadReceipt,
  });
};

export const sendTypingIndicator: Handler = (request, emulator) =>
  queueWrite(emulator, request, checkWrite(emulator, request), "typing");

export const sendReadReceipt: Handler = (request, emulator) =>
  queueWrite(emulator, request, checkWrite(emulator, request), "read_receipt");
