// Typing indicators and read receipts: per-participant state of a chat, listed per chat and
// written through the outbox.
import type { Handler } from "../context.ts";
import { readableChat } from "../state/lookups.ts";
import { toReadReceipt, toTypingIndicator } from "../state/resources.ts";
import type { ReceiptRow, TypingRow } from "../state/rows.ts";
import { rowsWhere } from "../state/pagination.ts";
import { listReply } from "./lists.ts";
import { checkWrite, queueWrite } from "./writes.ts";

export const listTypingIndicators: Handler = (request, emulator) => {
  const chat = readableChat(emulator.db, request.key, request.query.string("from"), request.query.string("to"));
  return listReply(emulator, request, rowsWhere<TypingRow>("typing_indicators", "chat_id", chat.id, "updated_at", toTypingIndicator));
};

export const listReadReceipts: Handler = (request, emulator) => {
  const chat = readableChat(emulator.db, request.key, request.query.string("from"), request.query.string("to"));
  return listReply(emulator, request, rowsWhere<ReceiptRow>("read_receipts", "chat_id", chat.id, "last_read_at", toReadReceipt));
};

export const sendTypingIndicator: Handler = (request, emulator) =>
  queueWrite(emulator, request, checkWrite(emulator, request), "typing");

export const sendReadReceipt: Handler = (request, emulator) =>
  queueWrite(emulator, request, checkWrite(emulator, request), "read_receipt");
