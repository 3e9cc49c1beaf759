// The probes the claims ledger names (`probe.check`): each settles one unconfirmed reading of the
// spec by asking the target. A probe answers *confirmed* or *refuted* with the exchange it
// observed, or *not probed* when the target could not say (no data, a missing scope).
import { isObject, type Json, type JsonObject, parseJson } from "../../spec/openapi.ts";
import { type ApiRequest, type HttpClient } from "../http-client.ts";
import type { ObservedResponse } from "../../spec/conformance.ts";

export interface ProbeContext {
  client: HttpClient;
  apiKey: string;
  /** The line and recipient of writes and reads (CONTRACT_FROM and CONTRACT_TO against live). */
  from: string;
  to: string;
}

export type Verdict =
  | { outcome: "confirmed" | "refuted"; observed: string }
  | { outcome: "not-probed"; reason: string };

/** What makes the emulator take the other reading of a claim (see emulator/config/default.yaml). */
export interface Flip {
  drift?: string[];
  readings?: Record<string, string>;
}

export interface Probe {
  /** Sends something but GET: only with the write opt-in against live. */
  writes: boolean;
  /** Simulation calls that give the emulator what a live test account already has. */
  emulatorSetup?: (context: ProbeContext) => { path: string; payload: JsonObject }[];
  /** The emulator setting or drift kind under which the probe must refute the claim. */
  flip: Flip;
  run(context: ProbeContext): Promise<Verdict>;
}

/** An ID of the right shape that names nothing. */
const UNKNOWN_FILE_ID = "file_contractprobe0unknown";
const OTHER_CONTACT = "+15550100199";
const ONE_SECOND = { path: "/_emulator/clock", payload: { advance_ms: 1000 } };
const inbound = (line: string, from: string, text: string) => ({ path: "/_emulator/inbound/messages", payload: { line, from, text } });

const request = (context: ProbeContext, method: ApiRequest["method"], path: string, extra: Partial<ApiRequest> = {}): ApiRequest => ({
  method,
  path,
  ...extra,
  headers: { authorization: `Bearer ${context.apiKey}`, ...(extra.body !== undefined && { "content-type": "application/json" }), ...extra.headers },
});

/** The exchange in one line, for the report (secrets are redacted when it is written). */
function describeExchange(sent: ApiRequest, response: ObservedResponse): string {
  const query = sent.query ? `?${new URLSearchParams(sent.query).toString()}` : "";
  const body = typeof sent.body === "string" ? ` ${sent.body}` : "";
  return `${sent.method} ${sent.path}${query}${body} → ${response.status} ${response.text.slice(0, 300)}`;
}

async function send(context: ProbeContext, sent: ApiRequest, label: string) {
  const response = await context.client.send(sent, `probe ${label}`);
  const body = parseJson(response.text);
  return { response, body: isObject(body) ? body : {}, observed: describeExchange(sent, response) };
}

const errorCode = (body: JsonObject) => (isObject(body.error) ? body.error.code : undefined);

/** Statuses that say the key may not ask, not what the API would answer. */
const cannotAsk = (status: number) => status === 401 || status === 403 || status === 429;
const notProbed = (why: string, observed: string): Verdict => ({ outcome: "not-probed", reason: `${why}: ${observed}` });
const verdict = (holds: boolean, observed: string): Verdict => ({ outcome: holds ? "confirmed" : "refuted", observed });

/** A request naming an unknown file must be refused with 404 file_not_found. */
function unknownFileProbe(label: string, build: (context: ProbeContext) => ApiRequest, writes: boolean): Probe {
  return {
    writes,
    // The recipient writes first, so contact-first lets the write reach the file check.
    ...(writes && { emulatorSetup: (context: ProbeContext) => [inbound(context.from, context.to, "Hi")] }),
    flip: { drift: ["undocumented-error-code"] },
    async run(context) {
      const { response, body, observed } = await send(context, build(context), label);
      if (cannotAsk(response.status)) return notProbed("the key could not ask", observed);
      return verdict(response.status === 404 && errorCode(body) === "file_not_found", observed);
    },
  };
}

/** Whether `values` never increase: newest first. */
const newestFirst = (values: number[]) => values.every((value, index) => index === 0 || value <= values[index - 1]!);

async function listOf(context: ProbeContext, path: string, query: Record<string, string>, label: string) {
  const result = await send(context, request(context, "GET", path, { query }), label);
  const data = Array.isArray(result.body.data) ? result.body.data.filter(isObject) : [];
  return { ...result, data };
}

/** Two chats, the first with two messages, each at its own second. */
const conversationSetup = (context: ProbeContext) => [
  inbound(context.from, context.to, "first"),
  ONE_SECOND,
  inbound(context.from, context.to, "second"),
  ONE_SECOND,
  inbound(context.from, OTHER_CONTACT, "third"),
];

const timestamps = (items: JsonObject[], field: string) => items.map((item) => item[field]).filter((value): value is number => typeof value === "number");

const isString = (value: Json | undefined) => typeof value === "string";
const isSet = (value: Json | undefined) => value !== null && value !== undefined;

/** Which of the sandbox's nullable fields the spec says are set in each status. */
const SANDBOX_FIELDS_SET: Record<string, Record<string, boolean>> = {
  missing: { activation_code: false, sandbox_line_handle: false, contact_identifier: false, activated_at: false },
  pending: { activation_code: true, sandbox_line_handle: true, contact_identifier: false, activated_at: false },
  active: { activation_code: false, sandbox_line_handle: true, contact_identifier: true, activated_at: true },
};

/** A phone number with its `+` sent bare, as a query string decodes it: a space. */
const plusAsSpace = (handle: string) => handle.replace(/^\+/, " ");

/** Lists messages with `param`'s phone number sent with a bare `+`: the API must refuse it, naming `param`. */
function plusAsSpaceProbe(param: "from" | "to"): Probe {
  return {
    writes: false,
    flip: { readings: { plus_in_query: "read_as_plus" } },
    async run(context) {
      if (!context[param].startsWith("+")) return notProbed(`the ${param} handle is not a phone number`, context[param]);
      const query = { from: context.from, to: context.to, [param]: plusAsSpace(context[param]), limit: "1" };
      const { response, body, observed } = await send(context, request(context, "GET", "/v1/messages", { query }), `${param}-plus-decoded-as-space`);
      if (cannotAsk(response.status)) return notProbed("the key could not list messages", observed);
      const refused = response.status === 400 && errorCode(body) === "invalid_parameter_value" && isObject(body.error) && body.error.param === param;
      return verdict(refused, observed);
    },
  };
}

export const PROBES: Record<string, Probe> = {
  "get-file-unknown-id": unknownFileProbe("get-file-unknown-id", (context) => request(context, "GET", "/v1/files", { query: { id: UNKNOWN_FILE_ID } }), false),

  "send-unknown-attachment": unknownFileProbe(
    "send-unknown-attachment",
    (context) =>
      request(context, "POST", "/v1/messages", {
        body: JSON.stringify({ from: context.from, to: context.to, text: "messages.dev contract probe", attachments: [UNKNOWN_FILE_ID] }),
      }),
    true,
  ),

  "audio-message-unknown-file": unknownFileProbe(
    "audio-message-unknown-file",
    (context) => request(context, "POST", "/v1/audio-messages", { body: JSON.stringify({ from: context.from, to: context.to, audio_message: UNKNOWN_FILE_ID }) }),
    true,
  ),

  "messages-newest-first": {
    writes: false,
    emulatorSetup: conversationSetup,
    flip: { readings: { list_order: "oldest_first" } },
    async run(context) {
      const { response, data, observed } = await listOf(context, "/v1/messages", { from: context.from, to: context.to, limit: "10" }, "messages-newest-first");
      if (response.status !== 200) return notProbed("the chat could not be listed", observed);
      if (data.length < 2) return notProbed("the chat has fewer than two messages", observed);
      return verdict(newestFirst(timestamps(data, "sent_at")), observed);
    },
  },

  "chats-newest-first": {
    writes: false,
    emulatorSetup: conversationSetup,
    flip: { readings: { list_order: "oldest_first" } },
    async run(context) {
      const { response, data, observed } = await listOf(context, "/v1/chats", { from: context.from, limit: "10" }, "chats-newest-first");
      if (response.status !== 200) return notProbed("the line's chats could not be listed", observed);
      if (data.length < 2) return notProbed("the line has fewer than two chats", observed);
      return verdict(newestFirst(timestamps(data, "last_message_at")), observed);
    },
  },

  "webhook-plain-http-url": {
    writes: true,
    flip: { readings: { webhook_urls: "https_only" } },
    async run(context) {
      const body = { from: context.from, url: "http://example.invalid/messages-dev-contract-probe", events: ["message.received"] };
      const created = await send(context, request(context, "POST", "/v1/webhooks", { body: JSON.stringify(body) }), "webhook-plain-http-url");
      if (typeof created.body.id === "string") {
        const remove = request(context, "DELETE", "/v1/webhooks", { body: JSON.stringify({ id: created.body.id }) });
        await context.client.send(remove, "probe webhook-plain-http-url (cleanup)", { cleanup: true });
      }
      if (cannotAsk(created.response.status)) return notProbed("the key could not create a webhook", created.observed);
      return verdict(created.response.status === 201, created.observed);
    },
  },

  "create-sandbox-status": {
    writes: true,
    flip: { drift: ["undocumented-status"] },
    async run(context) {
      const { response, observed } = await send(context, request(context, "POST", "/v1/sandbox"), "create-sandbox-status");
      if (cannotAsk(response.status)) return notProbed("the key could not create the sandbox", observed);
      return verdict(response.status === 200, observed);
    },
  },

  "sandbox-fields-follow-status": {
    writes: false,
    flip: { readings: { sandbox_fields: "always_set" } },
    async run(context) {
      const { response, body, observed } = await send(context, request(context, "GET", "/v1/sandbox"), "sandbox-fields-follow-status");
      if (response.status !== 200) return notProbed("the sandbox could not be read", observed);
      const expected = SANDBOX_FIELDS_SET[String(body.status)];
      if (!expected) return { outcome: "refuted", observed };
      const holds = Object.entries(expected).every(([field, set]) => isSet(body[field]) === set && (!set || field === "activated_at" || isString(body[field])));
      return verdict(holds, observed);
    },
  },

  "limit-above-largest-page": {
    writes: false,
    flip: { readings: { page_limit: "refused" } },
    async run(context) {
      const { response, body, observed } = await send(context, request(context, "GET", "/v1/chats", { query: { from: context.from, limit: "200" } }), "limit-above-largest-page");
      if (response.status === 200) return verdict(true, observed);
      const refused = response.status === 400 && isObject(body.error) && body.error.param === "limit";
      return refused ? verdict(false, observed) : notProbed("the line's chats could not be listed", observed);
    },
  },

  "from-plus-decoded-as-space": plusAsSpaceProbe("from"),
  "to-plus-decoded-as-space": plusAsSpaceProbe("to"),
};
