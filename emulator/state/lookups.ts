// Finding the resources a request names, with the API's errors when they are missing or off-limits.
import type { ApiKey } from "../config.ts";
import type { EmulatorContext } from "../context.ts";
import { canUseLine } from "../http/auth.ts";
import { ApiError } from "../http/errors.ts";
import { idPrefix } from "../ids.ts";
import { sql, type Db } from "./db.ts";
import type { ChatRow, FileRow, LineRow, MessageRow, ReceiptRow, TypingRow } from "./rows.ts";

export function lineByHandle(db: Db, handle: string): LineRow | undefined {
  return sql(db, "SELECT * FROM lines WHERE handle = ?").get(handle) as LineRow | undefined;
}

export function lineById(db: Db, id: string): LineRow {
  return sql(db, "SELECT * FROM lines WHERE id = ?").get(id) as LineRow;
}

/** The line named by `handle`, if it exists and the key may use it. */
export function usableLine(db: Db, key: ApiKey, handle: string, param = "from"): LineRow {
  const line = lineByHandle(db, handle);
  if (!line) throw new ApiError("line_not_found", param);
  if (!canUseLine(key, line)) throw new ApiError("line_not_accessible", param);
  if (line.is_sandbox === 1) assertSandboxOwner(key, param);
  return line;
}

/** The sandbox line, when the config has one. */
export function sandboxLine(db: Db): LineRow | undefined {
  return sql(db, "SELECT * FROM lines WHERE is_sandbox = 1").get() as LineRow | undefined;
}

export function activateLine(db: Db, id: string, at: number): void {
  sql(db, "UPDATE lines SET activated_at = ? WHERE id = ?").run(at, id);
}

/** Puts the sandbox line in a state: activated or not, its daily quota and advanced features when given. */
export function updateSandboxLine(db: Db, id: string, change: { activatedAt: number | null; dailyQuota?: number; advancedFeatures?: boolean }): void {
  const advanced = change.advancedFeatures === undefined ? null : Number(change.advancedFeatures);
  sql(db, "UPDATE lines SET activated_at = ?, daily_quota = COALESCE(?, daily_quota), advanced_features = COALESCE(?, advanced_features) WHERE id = ?")
    .run(change.activatedAt, change.dailyQuota ?? null, advanced, id);
}

/** Only a key an account owns may use the sandbox. */
export function assertSandboxOwner(key: ApiKey, param?: string): void {
  if (!key.account) throw new ApiError("sandbox_requires_owner", param);
}

/** Refuses a resource that lives on a line the key may not use. */
export function assertLineAccess(db: Db, key: ApiKey, lineId: string, param: string): void {
  if (!canUseLine(key, lineById(db, lineId))) throw new ApiError("line_not_accessible", param);
}

/** The chat `to` names on a line: a chat ID, or the contact's handle for a one-to-one chat. */
export function findChat(db: Db, line: LineRow, to: string): ChatRow | undefined {
  return to.startsWith(idPrefix("ChatId"))
    ? (sql(db, "SELECT * FROM chats WHERE id = ? AND line_id = ?").get(to, line.id) as ChatRow | undefined)
    : (sql(db, "SELECT * FROM chats WHERE identifier = ? AND line_id = ?").get(to, line.id) as ChatRow | undefined);
}

export function chatById(db: Db, id: string): ChatRow | undefined {
  return sql(db, "SELECT * FROM chats WHERE id = ?").get(id) as ChatRow | undefined;
}

function existingChat(db: Db, line: LineRow, to: string): ChatRow {
  const chat = findChat(db, line, to);
  if (!chat) throw new ApiError("chat_not_found", "to");
  return chat;
}

/** The chat `to` names on the line `from` names, when the key may read that line. */
export function readableChat(db: Db, key: ApiKey, from: string, to: string): ChatRow {
  return existingChat(db, usableLine(db, key, from), to);
}

/** A message by ID (`msg_…`) or GUID. */
export function findMessage(db: Db, reference: string): MessageRow | undefined {
  const column = reference.startsWith(idPrefix("MessageId")) ? "id" : "guid";
  return sql(db, `SELECT * FROM messages WHERE ${column} = ?`).get(reference) as MessageRow | undefined;
}

export function fileById(db: Db, id: string): FileRow | undefined {
  return sql(db, "SELECT * FROM files WHERE id = ?").get(id) as FileRow | undefined;
}

export function fileByToken(db: Db, token: string): FileRow | undefined {
  return sql(db, "SELECT * FROM files WHERE token = ?").get(token) as FileRow | undefined;
}

export function typingIndicator(db: Db, chatId: string, handle: string): TypingRow | undefined {
  return sql(db, "SELECT * FROM typing_indicators WHERE chat_id = ? AND handle = ?").get(chatId, handle) as TypingRow | undefined;
}

export function readReceipt(db: Db, chatId: string, handle: string): ReceiptRow | undefined {
  return sql(db, "SELECT * FROM read_receipts WHERE chat_id = ? AND handle = ?").get(chatId, handle) as ReceiptRow | undefined;
}

/**
 * A file the key may see: any, for a key on every line; for a key restricted to some lines, one it
 * uploaded itself or one attached to a message on a line it can use.
 */
export function fileForKey(db: Db, key: ApiKey, id: string): FileRow | undefined {
  const file = fileById(db, id);
  if (!file || key.lines === undefined || file.uploaded_by === key.key) return file;
  const lines = sql(db, "SELECT DISTINCT line_id FROM messages WHERE instr(attachments, ?) > 0").all(file.token) as { line_id: string }[];
  return lines.some(({ line_id }) => canUseLine(key, lineById(db, line_id))) ? file : undefined;
}

/** Where a file's bytes can be downloaded without an API key. */
export function storageUrl(emulator: EmulatorContext, file: Pick<FileRow, "token">): string {
  return `${emulator.baseUrl}/_emulator/storage/${file.token}`;
}
