import type { Handler } from "../context.ts";
import { usableLine } from "../state/lookups.ts";
import { toChat } from "../state/resources.ts";
import type { ChatRow } from "../state/rows.ts";
import { listReply } from "./lists.ts";

/** A line's chats, most recent activity first; chats without messages last. */
export const listChats: Handler = (request, emulator) => {
  const line = usableLine(emulator.db, request.key, request.query.string("from"));
  return listReply<ChatRow>(emulator, request, {
    list: `chats:${line.id}`,
    select: "SELECT * FROM chats WHERE line_id = ?",
    args: [line.id],
    sortBy: "COALESCE(last_message_at, -1)",
    sortValue: (row) => row.last_message_at ?? -1,
    toResource: toChat,
  });
};
