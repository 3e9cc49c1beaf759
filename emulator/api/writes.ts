// The checks every write goes through before it is queued, in the order the API applies them:
// the line, the sandbox, the recipient (contact-first), then what the write refers to.
import type { ApiKey } from "../config.ts";
import type { EmulatorContext, ApiRequest, Success } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { idPrefix } from "../ids.ts";
import { enqueue, type WriteTarget } from "../outbox/queue.ts";
import { ensureChat } from "../state/chats.ts";
import { writesSince } from "../state/outbox.ts";
import { fileForKey, findChat, findMessage, usableLine } from "../state/lookups.ts";
import type { ChatRow, LineRow, MessageRow, OutboxKind } from "../state/rows.ts";

const DAY_MS = 86_400_000;

export interface Write {
  line: LineRow;
  /** The chat written to; undefined only when the sandbox line first writes to its paired phone. */
  chat: ChatRow | undefined;
  to: string;
}

/** The line and chat of a write, once the line, sandbox and contact-first rules allow it. */
export function checkWrite(emulator: EmulatorContext, request: ApiRequest): Write {
  const line = usableLine(emulator.db, request.key, request.body.string("from"));
  if (line.is_sandbox === 1 && line.activated_at === null) throw new ApiError("sandbox_not_activated", "from");
  const to = request.body.string("to");
  const chat = findChat(emulator.db, line, to);
  if (to.startsWith(idPrefix("ChatId")) && !chat) throw new ApiError("chat_not_found", "to");
  if (line.is_sandbox === 1) {
    // The paired phone counts as having messaged the sandbox line; nobody else can be reached.
    if ((chat?.identifier ?? to) !== line.paired_phone) throw new ApiError("sandbox_contact_mismatch", "to");
  } else if (!chat || chat.has_received_inbound !== 1) {
    throw new ApiError("contact_has_not_messaged", "to");
  }
  return { line, chat, to };
}

export function checkFile(emulator: EmulatorContext, key: ApiKey, id: string, param: string): void {
  if (!fileForKey(emulator.db, key, id)) throw new ApiError("file_not_found", param);
}

/** The message a write refers to, which must be on the same line. */
export function checkMessage(emulator: EmulatorContext, line: LineRow, reference: string, param: string): MessageRow {
  const message = findMessage(emulator.db, reference);
  if (!message || message.line_id !== line.id) throw new ApiError("message_not_found", param);
  return message;
}

// A type, not an interface, so it is a JSON object to the reply's type.
export type SandboxUsage = { used: number; limit: number; remaining: number; resets_at: number };

/** Today's sends from the sandbox line against its daily quota, counted per UTC day on the emulator's clock. */
export function sandboxUsage(emulator: EmulatorContext, line: LineRow | undefined): SandboxUsage {
  const now = emulator.clock.now();
  const dayStart = now - (now % DAY_MS);
  // Without a sandbox line in the config there is nothing to send from.
  const limit = line?.daily_quota ?? 0;
  const used = line ? writesSince(emulator.db, line.id, ["message", "audio_message"], dayStart) : 0;
  return { used, limit, remaining: Math.max(0, limit - used), resets_at: dayStart + DAY_MS };
}

/** The sandbox's daily message quota. */
export function checkSandboxQuota(emulator: EmulatorContext, line: LineRow): void {
  if (line.is_sandbox !== 1) return;
  const usage = sandboxUsage(emulator, line);
  if (usage.remaining === 0) {
    const retryAfter = Math.ceil((usage.resets_at - emulator.clock.now()) / 1000);
    throw new ApiError("sandbox_quota_exceeded", undefined, undefined, { "Retry-After": String(retryAfter) });
  }
}

/** Queues the write in one transaction with the chat it may create, and answers it is pending. */
export async function queueWrite(
  emulator: EmulatorContext,
  request: ApiRequest,
  write: Write,
  kind: OutboxKind,
  target: Omit<WriteTarget, "chat_id"> = {},
): Promise<Success> {
  const id = await emulator.commits.run(() => {
    const chat = write.chat ?? ensureChat(emulator.db, write.line, { identifier: write.to }, write.to);
    return enqueue(emulator, write.line.id, kind, request.body.raw, { ...target, chat_id: chat.id });
  });
  return { body: { id, status: "pending" } };
}
