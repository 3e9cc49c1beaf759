import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { assertLineAccess, findMessage } from "../state/lookups.ts";
import { toReaction } from "../state/resources.ts";
import type { ReactionRow } from "../state/rows.ts";
import { rowsWhere } from "../state/pagination.ts";
import { listReply } from "./lists.ts";
import { checkMessage, checkWrite, queueWrite } from "./writes.ts";

/** The tapbacks on a message, removed ones included (`added: false`). */
export const listReactions: Handler = (request, emulator) => {
  const message = findMessage(emulator.db, request.query.string("message_id"));
  if (!message) throw new ApiError("message_not_found", "message_id");
  assertLineAccess(emulator.db, request.key, message.line_id, "message_id");
  return listReply(emulator, request, rowsWhere<ReactionRow>("reactions", "message_id", message.id, "seq", toReaction));
};

export const sendReaction: Handler = (request, emulator) => {
  const write = checkWrite(emulator, request);
  const message = checkMessage(emulator, write.line, request.body.string("message_id"), "message_id");
  if (message.chat_id !== write.chat?.id) throw new ApiError("message_not_found", "message_id", "No message with the given ID is in this chat.");
  return queueWrite(emulator, request, write, "reaction", { message_id: message.id });
};
