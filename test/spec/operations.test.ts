// ORACLE TABLE (see ARCHITECTURE.md): the API's known surface, restated on purpose from the public
// sources (docs/sources.md: the API reference pages, the errors page, the SDK) so that the
// hand-written spec is checked against an independent statement of it.
import { describe, expect, it } from "vitest";
import {
  deref,
  isObject,
  loadBundle,
  operations,
  responses,
  scopeOf,
  type JsonObject,
} from "../../spec/openapi.ts";
import { errorExamples } from "../../spec/errors.ts";

const spec = loadBundle();
const schemas = (spec.components as JsonObject).schemas as Record<string, JsonObject>;
const byId = new Map(operations(spec).map((operation) => [operation.operationId, operation]));

const SURFACE = [
  ["listLines", "get", "/v1/lines", "lines:read", "200"],
  ["getSandbox", "get", "/v1/sandbox", "lines:read", "200"],
  ["createSandbox", "post", "/v1/sandbox", "lines:read", "200"],
  ["listChats", "get", "/v1/chats", "chats:read", "200"],
  ["listMessages", "get", "/v1/messages", "messages:read", "200"],
  ["sendMessage", "post", "/v1/messages", "messages:write", "201"],
  ["sendAudioMessage", "post", "/v1/audio-messages", "messages:write", "201"],
  ["listReactions", "get", "/v1/reactions", "reactions:read", "200"],
  ["sendReaction", "post", "/v1/reactions", "reactions:write", "201"],
  ["listTypingIndicators", "get", "/v1/typing", "typing:read", "200"],
  ["sendTypingIndicator", "post", "/v1/typing", "typing:write", "201"],
  ["listReadReceipts", "get", "/v1/receipts", "receipts:read", "200"],
  ["sendReadReceipt", "post", "/v1/receipts", "receipts:write", "201"],
  ["getOutboxItem", "get", "/v1/outbox", "outbox:read", "200"],
  ["uploadFile", "post", "/v1/files", "files:write", "201"],
  ["getFile", "get", "/v1/files", "files:read", "302"],
  ["listWebhooks", "get", "/v1/webhooks", "webhooks:read", "200"],
  ["createWebhook", "post", "/v1/webhooks", "webhooks:write", "201"],
  ["deleteWebhook", "delete", "/v1/webhooks", "webhooks:write", "200"],
] as const;

/** Which operations must be able to return each documented error code (the errors page and the API reference, docs/sources.md). */
const ERROR_CODES: Record<string, { status: string; type: string; operations: string[] | "all" }> = {
  missing_api_key: { status: "401", type: "authentication_error", operations: "all" },
  invalid_api_key: { status: "401", type: "authentication_error", operations: "all" },
  insufficient_scope: { status: "403", type: "authorization_error", operations: "all" },
  line_not_accessible: { status: "403", type: "authorization_error", operations: ["listChats", "listMessages", "sendMessage", "sendAudioMessage", "sendReaction", "createWebhook"] },
  contact_has_not_messaged: { status: "403", type: "invalid_request_error", operations: ["sendMessage", "sendAudioMessage"] },
  sandbox_not_activated: { status: "403", type: "authorization_error", operations: ["sendMessage", "sendAudioMessage"] },
  sandbox_requires_owner: { status: "403", type: "authorization_error", operations: ["sendMessage", "getSandbox", "createSandbox"] },
  sandbox_contact_mismatch: { status: "400", type: "invalid_request_error", operations: ["sendMessage", "sendAudioMessage"] },
  sandbox_quota_exceeded: { status: "429", type: "rate_limit_error", operations: ["sendMessage", "sendAudioMessage"] },
  line_not_found: { status: "404", type: "not_found_error", operations: ["listChats", "listMessages", "sendMessage"] },
  chat_not_found: { status: "404", type: "not_found_error", operations: ["listMessages", "sendMessage"] },
  message_not_found: { status: "404", type: "not_found_error", operations: ["listReactions", "sendReaction"] },
  outbox_item_not_found: { status: "404", type: "not_found_error", operations: ["getOutboxItem"] },
  webhook_not_found: { status: "404", type: "not_found_error", operations: ["deleteWebhook"] },
  file_not_found: { status: "404", type: "not_found_error", operations: ["getFile"] },
  empty_file: { status: "400", type: "invalid_request_error", operations: ["uploadFile"] },
  invalid_json: { status: "400", type: "invalid_request_error", operations: ["sendMessage", "createWebhook", "deleteWebhook"] },
  invalid_parameter_value: { status: "400", type: "invalid_request_error", operations: ["listChats", "getOutboxItem", "sendMessage"] },
  missing_required_parameter: { status: "400", type: "invalid_request_error", operations: ["listChats", "sendMessage", "getOutboxItem"] },
  advanced_features_required: { status: "400", type: "invalid_request_error", operations: ["sendAudioMessage"] },
  rate_limit_exceeded: { status: "429", type: "rate_limit_error", operations: "all" },
};

const RESOURCE_SCHEMAS = [
  "Line", "Chat", "Message", "Attachment", "OutboxItem", "Reaction",
  "TypingIndicator", "ReadReceipt", "Webhook", "UploadedFile", "DeletedWebhook",
];

/** Error codes an operation declares, with the status and type of their examples. */
const errorsOf = (operationId: string) => errorExamples(spec, byId.get(operationId)!);

describe("the operations", () => {
  it("are exactly those of the API", () => {
    expect([...byId.keys()].sort()).toEqual(SURFACE.map(([id]) => id).sort());
  });

  it.each(SURFACE)("%s is %s %s with scope %s and answers %s", (id, method, path, scope, success) => {
    const operation = byId.get(id)!;
    expect(operation).toMatchObject({ method, path });
    expect(scopeOf(operation)).toBe(scope);
    expect(operation.node.description).toContain(`\`${scope}\``);
    const statuses = responses(spec, operation).map((r) => r.status);
    expect(statuses.filter((s) => /^[23]/.test(s))).toEqual([success]);
    expect(statuses).toEqual(expect.arrayContaining(["401", "429"]));
  });

  it("answers 302 with a Location header for a download", () => {
    const [redirect] = responses(spec, byId.get("getFile")!);
    expect(redirect?.status).toBe("302");
    expect(redirect?.response.content).toBeUndefined();
    expect(isObject(redirect?.response.headers) && redirect.response.headers.Location).toBeTruthy();
  });

  it("takes a raw body of any media type, and the file name in X-Filename, for an upload", () => {
    const upload = byId.get("uploadFile")!.node;
    const content = (deref(spec, upload.requestBody) as JsonObject).content as JsonObject;
    expect(Object.keys(content)).toEqual(["application/octet-stream", "*/*"]);
    const parameters = (upload.parameters as JsonObject[]).map((p) => deref(spec, p) as JsonObject);
    expect(parameters).toContainEqual(expect.objectContaining({ name: "X-Filename", in: "header" }));
  });

  it("deletes a webhook with a JSON body", () => {
    const body = deref(spec, byId.get("deleteWebhook")!.node.requestBody) as JsonObject;
    expect(body.required).toBe(true);
    expect(Object.keys(body.content as JsonObject)).toEqual(["application/json"]);
  });

  it("takes limit and cursor on exactly the chat and message lists", () => {
    const paginated = [...byId.values()]
      .filter((op) => ((op.node.parameters as JsonObject[] | undefined) ?? []).some((p) => (deref(spec, p) as JsonObject).name === "cursor"))
      .map((op) => op.operationId);
    expect(paginated.sort()).toEqual(["listChats", "listMessages"]);
  });

  it("declares Retry-After on every 429", () => {
    for (const operation of byId.values()) {
      const tooMany = responses(spec, operation).find((r) => r.status === "429");
      expect(isObject(tooMany?.response.headers) && tooMany.response.headers["Retry-After"], operation.operationId).toBeTruthy();
    }
  });
});

describe("the error codes", () => {
  it.each(Object.entries(ERROR_CODES))("%s is attached, with an example, where it can occur", (code, expected) => {
    const ids = expected.operations === "all" ? [...byId.keys()] : expected.operations;
    for (const id of ids) {
      const example = errorsOf(id).find((e) => e.code === code);
      expect(example, `${id} has no ${code} example`).toBeDefined();
      expect(example).toMatchObject({ name: code, status: expected.status, type: expected.type });
    }
  });

  it("are all known to the ErrorCode enum, and every enum value is used", () => {
    const used = new Set([...byId.keys()].flatMap((id) => errorsOf(id).map((e) => e.code)));
    expect([...used].sort()).toEqual([...(schemas.ErrorCode!.enum as string[])].sort());
  });
});

describe("the schemas", () => {
  it.each(RESOURCE_SCHEMAS)("%s is an object open to new fields, with a required list", (name) => {
    expect(schemas[name]).toMatchObject({ type: "object", required: expect.any(Array) });
    expect(schemas[name]).not.toHaveProperty("additionalProperties");
  });

  it("never use `nullable`", () => {
    expect(JSON.stringify(spec)).not.toContain('"nullable"');
  });

  it("take a limit of at least 1, 50 by default, and hold at most 100 items a page", () => {
    const parameters = (spec.components as JsonObject).parameters as Record<string, JsonObject>;
    expect(parameters.Limit!.schema).toEqual({ type: "integer", format: "int32", minimum: 1, default: 50 });
    expect(((schemas.MessageList!.properties as JsonObject).data as JsonObject).maxItems).toBe(100);
  });

  it("allow at most one attachment, and need text or an attachment", () => {
    const branches = schemas.SendMessageRequest!.anyOf as JsonObject[];
    expect(branches.map((branch) => [branch.type, branch.additionalProperties, branch.required])).toEqual([
      ["object", false, ["from", "to", "text"]],
      ["object", false, ["from", "to", "attachments"]],
    ]);
    const attachments = branches.map((branch) => (branch.properties as JsonObject).attachments);
    expect(attachments).toMatchObject([{ maxItems: 1 }, { minItems: 1, maxItems: 1 }]);
  });

  it("name the six tapbacks (or one emoji), the typing states with `on` as default, and the four webhook events", () => {
    expect(schemas.ReactionType!.anyOf).toEqual([
      expect.objectContaining({ type: "string", enum: ["love", "like", "dislike", "laugh", "emphasize", "question"] }),
      expect.objectContaining({ type: "string", minLength: 1, maxLength: 10 }),
    ]);
    expect(schemas.TypingState).toMatchObject({ enum: ["on", "off"], default: "on" });
    expect(schemas.WebhookEventType!.enum).toEqual(["message.received", "message.sent", "reaction.added", "reaction.removed"]);
    expect(schemas.OutboxStatus!.enum).toEqual(["pending", "claimed", "sent", "failed"]);
  });
});

describe("the webhooks", () => {
  const webhooks = spec.webhooks as Record<string, JsonObject>;

  it("are the four delivered events", () => {
    expect(Object.keys(webhooks)).toEqual(["message.received", "message.sent", "reaction.added", "reaction.removed"]);
  });

  it.each(Object.keys(webhooks))("%s declares the three signature headers and a payload naming itself", (event) => {
    const post = webhooks[event]!.post as JsonObject;
    const headers = (post.parameters as JsonObject[]).map((p) => (deref(spec, p) as JsonObject).name);
    expect(headers).toEqual(["X-Webhook-Signature", "X-Webhook-Timestamp", "X-Webhook-Delivery-Id"]);
    const body = deref(spec, ((deref(spec, post.requestBody) as JsonObject).content as JsonObject)["application/json"]) as JsonObject;
    const payload = deref(spec, body.schema) as JsonObject;
    expect(((payload.properties as JsonObject).event as JsonObject).enum).toEqual([event]);
  });
});
