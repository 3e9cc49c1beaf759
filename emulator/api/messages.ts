import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { readableChat } from "../state/lookups.ts";
import { toMessage } from "../state/resources.ts";
import type { MessageRow } from "../state/rows.ts";
import { rowsWhere } from "../state/pagination.ts";
import { listReply } from "./lists.ts";
import { checkFile, checkMessage, checkSandboxQuota, checkWrite, queueWrite } from "./writes.ts";

/** A chat's messages, newest first. */
export const listMessages: Handler = (request, emulator) => {
  const chat = readableChat(emulator.db, request.key, request.query.string("from"), request.query.string("to"));
  return listReply(emulator, request, rowsWhere<MessageRow>("messages", "chat_id", chat.id, "sent_at", toMessage));
};

export const sendMessage: Handler = (request, emulator) => {
  const write = checkWrite(emulator, request);
  const files = request.body.strings("attachments");
  for (const id of files) checkFile(emulator, request.key, id, "attachments");
  const replyTo = request.body.optional("reply_to");
  const parent = replyTo === undefined ? undefined : checkMessage(emulator, write.line, replyTo, "reply_to");
  checkSandboxQuota(emulator, write.line);
  return queueWrite(emulator, request, write, "message", { file_ids: files, reply_to_guid: parent?.guid ?? null });
};

export const sendAudioMessage: Handler = (request, emulator) => {
  const write = checkWrite(emulator, request);
  if (write.line.service === "sms") {
    throw new ApiError("invalid_parameter_value", "from", "The 'from' line sends SMS only; audio messages need an iMessage line with advanced features.");
  }
  if (write.line.advanced_features !== 1) throw new ApiError("advanced_features_required", "from");
  const file = request.body.string("audio_message");
  checkFile(emulator, request.key, file, "audio_message");
  const replyTo = request.body.optional("reply_to");
  const parent = replyTo === undefined ? undefined : checkMessage(emulator, write.line, replyTo, "reply_to");
  checkSandboxQuota(emulator, write.line);
  return queueWrite(emulator, request, write, "audio_message", { file_ids: [file], reply_to_guid: parent?.guid ?? null });
};
