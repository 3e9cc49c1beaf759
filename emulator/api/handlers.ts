// Every operation of the spec, by operationId, with the function that carries it out.
import type { Handler } from "../context.ts";
import type { ApiSpec, OperationSpec } from "../spec.ts";
import { listReadReceipts, listTypingIndicators, sendReadReceipt, sendTypingIndicator } from "./chat-state.ts";
import { listChats } from "./chats.ts";
import { getFile, uploadFile } from "./files.ts";
import { listLines } from "./lines.ts";
import { listMessages, sendAudioMessage, sendMessage } from "./messages.ts";
import { getOutboxItem } from "./outbox.ts";
import { listReactions, sendReaction } from "./reactions.ts";
import { createSandbox, getSandbox } from "./sandbox.ts";
import { createWebhook, deleteWebhook, listWebhooks } from "./webhooks.ts";

const HANDLERS: Record<string, Handler> = {
  listLines, getSandbox, createSandbox, listChats, listMessages, sendMessage, sendAudioMessage, listReactions, sendReaction,
  listTypingIndicators, sendTypingIndicator, listReadReceipts, sendReadReceipt, getOutboxItem,
  uploadFile, getFile, listWebhooks, createWebhook, deleteWebhook,
};

export interface Route {
  operation: OperationSpec;
  handler: Handler;
}

/** `"<METHOD> <path>"` → route, for every operation in the spec; fails if one has no handler. */
export function routeTable(spec: ApiSpec): Map<string, Route> {
  const missing = spec.operations.filter((operation) => !HANDLERS[operation.operationId]);
  if (missing.length > 0) throw new Error(`The emulator does not implement ${missing.map((o) => o.operationId).join(", ")}`);
  return new Map(spec.operations.map((operation) => [`${operation.method} ${operation.path}`, { operation, handler: HANDLERS[operation.operationId]! }]));
}
