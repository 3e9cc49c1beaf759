// The /_emulator endpoints: what happens outside the API (contacts writing, the sandbox being
// activated, deliveries failing, time passing), so tests and frontends can drive the emulator.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonObject } from "../../spec/openapi.ts";
import type { EmulatorContext, Reply } from "../context.ts";
import { refused, requireJson, simulationRefusal } from "../http/access.ts";
import { JSON_BODY_LIMIT, parseJson, readBody } from "../http/body.ts";
import { putSandbox, sandbox, type SandboxStatus } from "../api/sandbox.ts";
import { ApiError, type ErrorCode } from "../http/errors.ts";
import { Params } from "../http/params.ts";
import { errorReply, writeReply } from "../http/reply.ts";
import type { SimulationHandler } from "../http/server.ts";
import type { RequestValidator } from "../http/validation.ts";
import { newGroupIdentifier, newId } from "../ids.ts";
import { DEFAULT_FAILURE, injectFailures } from "../outbox/queue.ts";
import { flushWrites } from "../outbox/worker.ts";
import { ensureChat } from "../state/chats.ts";
import { activateLine, chatById, fileByToken, findChat, findMessage, lineByHandle, readReceipt, sandboxLine, typingIndicator } from "../state/lookups.ts";
import { insertMessage, markRead, setTyping, upsertReaction } from "../state/records.ts";
import { allDeliveries } from "../state/webhooks.ts";
import { toMessage, toReaction, toReadReceipt, toTypingIndicator } from "../state/resources.ts";
import type { ChatRow, LineRow } from "../state/rows.ts";
import { fireMessageEvent, fireReactionEvent } from "../webhooks/events.ts";
import { injectFault } from "./faults.ts";
import { loadSimulationSpec } from "./spec.ts";

const STORAGE_PREFIX = "/_emulator/storage/";
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface SimulationControls {
  /** Runs what is due now: outbox steps and webhook deliveries. */
  tick(): Promise<void>;
  reset(): void;
}

type Endpoint = (body: Params, emulator: EmulatorContext, controls: SimulationControls) => Reply | Promise<Reply>;

const created = (body: JsonObject): Reply => ({ status: 201, body });
const ok = (body: JsonObject): Reply => ({ status: 200, body });

function line(emulator: EmulatorContext, handle: string): LineRow {
  const found = lineByHandle(emulator.db, handle);
  if (!found) throw new ApiError("line_not_found", "line");
  return found;
}

function contactChat(emulator: EmulatorContext, body: Params): ChatRow {
  const chat = findChat(emulator.db, line(emulator, body.string("line")), body.string("from"));
  if (!chat) throw new ApiError("chat_not_found", "from", "The contact has no chat with this line yet: inject a message first.");
  return chat;
}

function lineOfSandbox(emulator: EmulatorContext): LineRow {
  const found = sandboxLine(emulator.db);
  if (!found) throw new ApiError("line_not_found", undefined, "The seed config has no sandbox line.");
  return found;
}

function clock(emulator: EmulatorContext): JsonObject {
  return { now: emulator.clock.now(), frozen: emulator.clock.frozen };
}

const ENDPOINTS: Record<string, Endpoint> = {
  resetEmulator: (_body, _emulator, controls) => {
    controls.reset();
    return { status: 204 };
  },

  injectInboundMessage: (body, emulator) => {
    const target = line(emulator, body.string("line"));
    const from = body.string("from");
    const chatId = body.optional("chat_id");
    const existing = chatId === undefined ? undefined : chatById(emulator.db, chatId);
    if (existing && existing.line_id !== target.id) throw new ApiError("invalid_parameter_value", "chat_id", "The chat is on another line.");
    const replyTo = body.optional("reply_to");
    const parent = replyTo === undefined ? undefined : findMessage(emulator.db, replyTo);
    if (replyTo !== undefined && parent?.line_id !== target.id) throw new ApiError("message_not_found", "reply_to");
    const message = emulator.db.transaction(() => {
      const group = chatId === undefined ? undefined : { id: chatId, name: body.optional("group_name") ?? null };
      const chat = ensureChat(emulator.db, target, { identifier: group ? newGroupIdentifier() : from, group }, from);
      const row = insertMessage(emulator.db, {
        chat,
        sender: from,
        text: body.optional("text") ?? null,
        attachments: (body.raw.attachments as JsonObject[] | undefined) ?? [],
        isFromMe: false,
        isAudioMessage: body.boolean("is_audio_message") ?? false,
        outboxId: null,
        replyToGuid: parent?.guid ?? null,
        at: emulator.clock.now(),
      });
      fireMessageEvent(emulator, row);
      return row;
    })();
    return created(toMessage(message));
  },

  injectInboundReaction: (body, emulator) => {
    const target = line(emulator, body.string("line"));
    const message = findMessage(emulator.db, body.string("message_id"));
    if (!message || message.line_id !== target.id) throw new ApiError("message_not_found", "message_id");
    const reaction = emulator.db.transaction(() => {
      const row = upsertReaction(emulator.db, {
        messageId: message.id, chatId: message.chat_id, lineId: target.id, type: body.string("type"),
        sender: body.string("from"), isFromMe: false, added: body.boolean("added") ?? true, at: emulator.clock.now(),
      });
      fireReactionEvent(emulator, row);
      return row;
    })();
    return created(toReaction(reaction));
  },

  injectInboundTyping: (body, emulator) => {
    const chat = contactChat(emulator, body);
    setTyping(emulator.db, chat.id, body.string("from"), body.optional("state") !== "off", emulator.clock.now());
    const row = typingIndicator(emulator.db, chat.id, body.string("from"))!;
    return created(toTypingIndicator(row));
  },

  injectInboundReadReceipt: (body, emulator) => {
    const chat = contactChat(emulator, body);
    markRead(emulator.db, chat.id, body.string("from"), emulator.clock.now());
    const row = readReceipt(emulator.db, chat.id, body.string("from"))!;
    return created(toReadReceipt(row));
  },

  activateSandbox: (_body, emulator) => {
    const line = lineOfSandbox(emulator);
    const activatedAt = line.activated_at ?? emulator.clock.now();
    activateLine(emulator.db, line.id, activatedAt);
    return ok({ status: "active", sandbox_line_handle: line.handle, contact_identifier: String(line.paired_phone), activated_at: activatedAt });
  },

  injectFault: (body, emulator) => {
    const fault = { operation_id: body.string("operation_id"), code: body.string("code") as ErrorCode, count: body.number("count") ?? 1 };
    injectFault(emulator, fault);
    return ok(fault);
  },

  setSandbox: (body, emulator) => {
    putSandbox(emulator, lineOfSandbox(emulator), body.string("status") as SandboxStatus, {
      dailyQuota: body.number("daily_quota"),
      advancedFeatures: body.boolean("advanced_features"),
    });
    return ok(sandbox(emulator));
  },

  injectFailures: (body, emulator) => {
    const failures = { count: body.number("count") ?? 0, error: body.optional("error") ?? DEFAULT_FAILURE };
    injectFailures(emulator.db, failures);
    return ok(failures);
  },

  flushOutbox: async (_body, emulator, controls) => {
    const processed = flushWrites(emulator);
    await controls.tick();
    return ok({ processed });
  },

  getClock: (_body, emulator) => ok(clock(emulator)),

  setClock: async (body, emulator, controls) => {
    const now = body.number("now");
    if (now !== undefined) emulator.clock.set(now);
    const freeze = body.boolean("freeze");
    if (freeze === true) emulator.clock.freeze();
    if (freeze === false) emulator.clock.unfreeze();
    emulator.clock.advance(body.number("advance_ms") ?? 0);
    await controls.tick();
    return ok(clock(emulator));
  },

  listWebhookDeliveries: (_body, emulator) => {
    const rows = allDeliveries(emulator.db);
    return ok({
      data: rows.map((row) => ({
        delivery_id: row.id, webhook_id: row.webhook_id, event: row.event, url: row.url, attempts: row.attempts,
        status: row.status, last_status_code: row.last_status_code, created_at: row.created_at,
        delivered_at: row.delivered_at, next_attempt_at: row.status === "pending" ? row.due_at : null,
      })),
    });
  },
};

export function createSimulation(emulator: EmulatorContext, validator: RequestValidator, controls: SimulationControls): SimulationHandler {
  const routes = new Map(
    loadSimulationSpec()
      .filter((operation) => !operation.path.includes("{"))
      .map((operation) => {
        const endpoint = ENDPOINTS[operation.operationId];
        if (!endpoint) throw new Error(`simulation.openapi.yaml documents ${operation.operationId}, which the emulator does not serve`);
        return [`${operation.method} ${operation.path}`, { ...operation, endpoint }];
      }),
  );

  async function run(request: IncomingMessage, path: string): Promise<Reply> {
    const route = routes.get(`${request.method} ${path}`);
    if (!route) return { status: 404, body: { error: { type: "not_found_error", code: "route_not_found", message: `The emulator has no ${request.method} ${path}.` } } };
    requireJson(request.method, request.headers);
    let body: unknown = {};
    if (route.bodySchema) {
      const bytes = await readBody(request, JSON_BODY_LIMIT);
      body = bytes.length === 0 ? {} : parseJson(bytes);
      validator.check(route.bodySchema, body, "body");
    }
    const reply = await route.endpoint(new Params(body as Record<string, unknown>), emulator, controls);
    // An endpoint's own transaction may have joined the group commit a /v1 write opened: commit it
    // now, so nothing is acknowledged before it is on disk.
    emulator.commits.commit();
    return reply;
  }

  return async (request, response, path) => {
    const requestId = newId("RequestId");
    const remote = LOOPBACK.has(request.socket.remoteAddress ?? "") ? undefined : refused("loopback_only", "The simulation endpoints answer on loopback only.");
    // Storage URLs stand for the API's public file storage: any page may load them.
    const storage = request.method === "GET" && path.startsWith(STORAGE_PREFIX);
    const refusal = remote ?? (storage ? undefined : simulationRefusal(request.headers, emulator.config.access));
    if (refusal) {
      request.resume();
      writeReply(response, { status: refusal.status, body: { ...refusal.body, request_id: requestId }, headers: {} });
      return;
    }
    if (storage) {
      serveStoredFile(emulator, response, path.slice(STORAGE_PREFIX.length), requestId);
      return;
    }
    let reply: Reply;
    try {
      reply = await run(request, path);
    } catch (error) {
      reply = errorReply(emulator.spec, error);
    }
    const body = reply.body && (reply.status >= 400 ? { ...reply.body, request_id: requestId } : reply.body);
    writeReply(response, { status: reply.status, body, headers: reply.headers ?? {} });
  };
}

/** `filename="…"` in ASCII for old clients, and RFC 6266's `filename*` in UTF-8 for the exact name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

const decodedToken = (encoded: string): string | undefined => {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined; // a malformed escape (`%`, `%zz`) names no stored file
  }
};

function serveStoredFile(emulator: EmulatorContext, response: ServerResponse, encoded: string, requestId: string): void {
  const token = decodedToken(encoded);
  const file = token === undefined ? undefined : fileByToken(emulator.db, token);
  if (!file) {
    const reply = errorReply(emulator.spec, new ApiError("file_not_found", undefined, "No file is stored under this URL."));
    writeReply(response, { status: reply.status, body: { ...reply.body, request_id: requestId }, headers: {} });
    return;
  }
  const disposition = file.filename ? { "content-disposition": contentDisposition(file.filename) } : undefined;
  response.writeHead(200, { "content-type": file.mime_type, "content-length": file.size, "access-control-allow-origin": "*", ...disposition }).end(file.bytes);
}
