// Cases that provoke the documented error responses the schema-derived negatives cannot: for each
// documented (operation, status, error code), the operation's example request changed the one way
// that makes the API answer that code, with what must be in place first. Most need state or a
// caller only the emulator can stage (its simulation endpoints and seeded keys): those are
// emulator-only. The mock keeps no state; there each documented error example is selected by name.
import { deref, isObject, operations, responses, type Json, type JsonObject, type OpenApiDocument, type Operation } from "../../spec/openapi.ts";
import { objectFields } from "../../spec/object-alternatives.ts";
import { EMULATOR_REFUSED_KEYS } from "../config.ts";
import { errorExamples } from "../../spec/errors.ts";
import { idPrefixes } from "../../spec/ids.ts";
import { exampleRequests, parametersOf, requestMediaTypes, type Bindings, type RequestTemplate } from "./requests.ts";

/** A call made before the case's request: a simulation endpoint, or the API with the run's key. */
export type SetupCall = { simulation: string; payload: JsonObject } | { api: RequestTemplate };

export interface Provocation {
  name: string;
  operationId: string;
  /** The documented status, and error code, the case must be answered with. */
  aim: { status: number; code?: string };
  template: RequestTemplate;
  /** Sent with this key instead of the run's. */
  key?: string;
  setup: SetupCall[];
  /** Request fields filled from the setup answers: field → the setup call's index and a property of its answer. */
  bind: Record<string, { call: number; property: string }>;
  /** What the case needs that only the emulator has; absent where every target may run it. */
  emulatorOnly?: string;
}

type Staging = Pick<Provocation, "template" | "key" | "setup" | "bind" | "emulatorOnly">;

interface Context {
  spec: OpenApiDocument;
  operation: Operation;
  /** The operation's first example request, with the run's bindings. */
  base: RequestTemplate;
  bindings: Bindings;
}

const SEEDED_KEY = "needs a key the emulator seeds (emulator/config/default.yaml)";
const SIMULATION = "needs the emulator's simulation endpoints (/_emulator/…)";
const UNKNOWN_KEY = "sk_live_contract_no_such_key";
const OTHER_KEY_ON_LIVE = "sends a key that is not the run's, and against live no key but yours is ever sent";
const READDRESSED_WRITE = "changes the sender or recipient of a write, and against live writes go only from CONTRACT_FROM to CONTRACT_TO";
/** Handles in the range reserved for fiction (555-0100 to 555-0199): no line, no contact. */
const UNKNOWN_LINE = "+15550100199";
const OTHER_CONTACT = "+15550100198";
/** The schemas of a field that names a message. */
const MESSAGE_ID_SCHEMAS = ["MessageId", "MessageReference"];

/** How to provoke each error code that is no broken schema rule; undefined where the operation offers no way. */
const PROVOKE: Record<string, (context: Context) => Staging | undefined> = {
  invalid_api_key: ({ base }) => ({ template: base, key: UNKNOWN_KEY, setup: [], bind: {}, emulatorOnly: OTHER_KEY_ON_LIVE }),
  insufficient_scope: ({ base, operation }) => ({
    template: base,
    key: scopeOf(operation).endsWith(":read") ? EMULATOR_REFUSED_KEYS.writeOnly : EMULATOR_REFUSED_KEYS.readOnly,
    ...emulatorOnly(SEEDED_KEY),
  }),
  rate_limit_exceeded: (context) => fault(context, "rate_limit_exceeded"),
  server_error: (context) => fault(context, "server_error"),
  line_not_found: ({ base }) => (has(base, "from") ? addressed(base, { template: withFields(base, { from: UNKNOWN_LINE }), setup: [], bind: {} }) : undefined),
  line_not_accessible: (context) => {
    const staged = has(context.base, "from") ? { ...emulatorOnly(SEEDED_KEY), template: context.base } : resourceOnLine(context);
    return staged && { ...staged, key: EMULATOR_REFUSED_KEYS.oneLine };
  },
  sandbox_requires_owner: ({ base }) => {
    const staged = has(base, "from") ? onSandbox(base, { status: "active" }) : { template: base, ...emulatorOnly(SEEDED_KEY) };
    return { ...staged, key: EMULATOR_REFUSED_KEYS.noAccount };
  },
  invalid_parameter_value: ({ spec, operation, base }) => {
    for (const parameter of parametersOf(spec, operation).filter((candidate) => candidate.in !== "path")) {
      const name = String(parameter.name);
      const schema = deref(spec, parameter.schema);
      const value = !isObject(schema) ? undefined : typeof schema.maxLength === "number" ? "x".repeat(schema.maxLength + 1) : typeof schema.pattern === "string" ? "not a valid value" : undefined;
      const current = parameter.in === "header" ? base.headers[name] : base.query[name];
      if (value === undefined || current === undefined) continue;
      return { template: parameter.in === "header" ? { ...base, headers: { ...base.headers, [name]: value } } : withFields(base, { [name]: value }), setup: [], bind: {} };
    }
    return undefined;
  },
  sandbox_not_activated: ({ spec, base }) => (isWrite(base) ? onSandbox(minimal(spec, base), { status: "pending" }) : undefined),
  sandbox_contact_mismatch: ({ spec, base }) => {
    if (!isWrite(base)) return undefined;
    const staged = onSandbox(minimal(spec, base), { status: "active" });
    const { to: _, ...bind } = staged.bind;
    return { ...staged, template: withFields(staged.template, { to: OTHER_CONTACT }), bind };
  },
  advanced_features_required: ({ spec, base }) => (isWrite(base) ? onSandbox(minimal(spec, base), { status: "active", advanced_features: false }) : undefined),
  sandbox_quota_exceeded: (context) => {
    if (!isWrite(context.base)) return undefined;
    return withUploads(context, onSandbox(minimal(context.spec, context.base), { status: "active", daily_quota: 0, advanced_features: true }));
  },
  contact_has_not_messaged: ({ spec, base }) => (isWrite(base) ? { template: minimal(spec, base), ...emulatorOnly(SIMULATION) } : undefined),
  chat_not_found: ({ spec, base }) =>
    has(base, "to") ? addressed(base, { template: withFields(isWrite(base) ? minimal(spec, base) : base, { to: unknownId(spec, "ChatId") }), setup: [], bind: {} }) : undefined,
  message_not_found: (context) => unknownReference(context, MESSAGE_ID_SCHEMAS),
  file_not_found: (context) => unknownReference(context, ["FileId"]),
  webhook_not_found: (context) => unknownReference(context, ["WebhookId"]),
  outbox_item_not_found: (context) => unknownReference(context, ["OutboxItemId"]),
};

export function provocations(spec: OpenApiDocument, bindings: Bindings = {}): Provocation[] {
  return operations(spec).flatMap((operation) => {
    const [first] = exampleRequests(spec, operation, bindings);
    if (!first) return [];
    const context: Context = { spec, operation, base: first.template, bindings };
    const errors = documentedErrors(spec, operation).flatMap(({ status, code }) => {
      const staged = PROVOKE[code]?.(context);
      return staged ? [{ name: `${operation.operationId}: ${status} ${code}`, operationId: operation.operationId, aim: { status, code }, ...staged }] : [];
    });
    const success = succeeding(context);
    return success ? [success, ...errors] : errors;
  });
}

/**
 * The success of an operation that names a contact (a write, or a read of one chat): the contact
 * writes first, files it names are uploaded, optional references left out, so the request succeeds.
 */
function succeeding(context: Context): Provocation | undefined {
  const { spec, operation, base } = context;
  const { from, to } = fieldsOf(base);
  if (typeof from !== "string" || typeof to !== "string") return undefined;
  const status = Number(responses(spec, operation).find(({ status: documented }) => documented.startsWith("2"))?.status);
  const required = new Set(parametersOf(spec, operation).filter((parameter) => parameter.required === true).map((parameter) => String(parameter.name)));
  const template = isWrite(base) ? minimal(spec, base) : { ...base, query: Object.fromEntries(Object.entries(base.query).filter(([name]) => required.has(name))) };
  // A message the write names is the one the contact just sent (the first setup call after the reset).
  const messages = referringFields(spec, operation, MESSAGE_ID_SCHEMAS).filter((field) => has(template, field));
  const bind = Object.fromEntries(messages.map((field) => [field, { call: 1, property: "id" }]));
  const staged = withUploads(context, { template, ...emulatorOnly(SIMULATION, contactWrote(base), bind) });
  return { name: `${operation.operationId}: ${status} once the contact has written`, operationId: operation.operationId, aim: { status }, ...staged };
}

/**
 * The mock's way to every documented error response: it keeps no state, but answers the example a
 * request names (`Prefer: code=403, example=insufficient_scope`).
 */
export function exampleSelections(spec: OpenApiDocument): Provocation[] {
  return operations(spec).flatMap((operation) => {
    const [first] = exampleRequests(spec, operation);
    if (!first) return [];
    return documentedErrors(spec, operation).map(({ status, code, example }) => ({
      name: `${operation.operationId}: ${status} ${code} (example ${example})`,
      operationId: operation.operationId,
      aim: { status, code },
      template: { ...first.template, headers: { ...first.template.headers, Prefer: `code=${status}, example=${example}` } },
      setup: [],
      bind: {},
    }));
  });
}

/** A write whose sender or recipient the case changes is no case for live. */
const addressed = (base: RequestTemplate, staged: Staging): Staging => (isWrite(base) ? { ...staged, emulatorOnly: READDRESSED_WRITE } : staged);

/** Each error code an operation documents, with its status and the name of its example. */
const documentedErrors = (spec: OpenApiDocument, operation: Operation) =>
  errorExamples(spec, operation).map(({ status, code, name }) => ({ status: Number(status), code, example: name }));

const emulatorOnly = (reason: string, setup: SetupCall[] = [], bind: Staging["bind"] = {}) => ({ setup: [RESET, ...setup], bind, emulatorOnly: reason });
const RESET: SetupCall = { simulation: "/_emulator/reset", payload: {} };

function fault({ base, operation }: Context, code: string): Staging {
  return { template: base, ...emulatorOnly(SIMULATION, [{ simulation: "/_emulator/faults", payload: { operation_id: operation.operationId, code } }]) };
}

/** The request from the sandbox line, to its paired phone, with the sandbox put in a state first. */
function onSandbox(template: RequestTemplate, state: JsonObject): Staging {
  const bind: Staging["bind"] = { from: { call: 1, property: "sandbox_line_handle" } };
  // Only an active sandbox names its paired phone; before that, `to` is never read.
  if (has(template, "to") && state.status === "active") bind.to = { call: 1, property: "contact_identifier" };
  return { template, ...emulatorOnly(SIMULATION, [{ simulation: "/_emulator/sandbox", payload: state }], bind) };
}

/** A contact has written to the request's line first, so contact-first lets the write through to the next check. */
function contactWrote(base: RequestTemplate): SetupCall[] {
  const { from, to } = fieldsOf(base);
  return typeof from === "string" && typeof to === "string" ? [{ simulation: "/_emulator/inbound/messages", payload: { line: from, from: to, text: "Hello?" } }] : [];
}

/** The request with a well-formed ID that names nothing in the field that refers to one of `schemas`. */
function unknownReference(context: Context, schemas: string[]): Staging | undefined {
  const { spec, operation, base } = context;
  const field = referringFields(spec, operation, schemas)[0];
  if (!field) return undefined;
  const id = unknownId(spec, schemas[0]!);
  const value = isArrayField(spec, operation, field) ? [id] : id;
  const template = withFields(isWrite(base) ? minimal(spec, base) : base, { [field]: value });
  if (!isWrite(base)) return { template, setup: [], bind: {} };
  // A write reaches the check only once contact-first and the other references are satisfied.
  return withUploads(context, { template, ...emulatorOnly(SIMULATION, contactWrote(base)) }, field);
}

/**
 * For a write that names an uploaded file (other than in `except`), one is uploaded first and
 * named, so the file check passes and the request reaches the check the case is about.
 */
function withUploads(context: Context, staged: Staging, except?: string): Staging {
  const { spec } = context;
  const upload = operations(spec).find((operation) => requestMediaTypes(spec, operation).some(({ mediaType }) => !mediaType.includes("json")));
  const fields = referringFields(spec, context.operation, ["FileId"]).filter((field) => field !== except && fieldsOf(staged.template)[field] !== undefined);
  const [request] = upload ? exampleRequests(spec, upload, context.bindings) : [];
  if (fields.length === 0 || !request) return staged;
  const call = staged.setup.length;
  const bind = Object.fromEntries(fields.map((field) => [field, { call, property: "id" }]));
  return { ...staged, setup: [...staged.setup, { api: request.template }], bind: { ...staged.bind, ...bind } };
}

/** For an operation that names its resource only by ID: one created on the example's line first. */
function resourceOnLine(context: Context): Staging | undefined {
  const { spec, operation, base, bindings } = context;
  const line = exampleValue(spec, "from");
  const contact = exampleValue(spec, "to");
  if (typeof line !== "string" || typeof contact !== "string") return undefined;
  const wrote: SetupCall = { simulation: "/_emulator/inbound/messages", payload: { line, from: contact, text: "Hello?" } };
  const first = (operationId: string) => {
    const found = operations(spec).find((candidate) => candidate.operationId === operationId);
    return found && exampleRequests(spec, found, bindings)[0]?.template;
  };
  // Which operation creates the resource, by the schema of the ID the operation takes.
  const creators: Array<[string[], SetupCall[]]> = [
    [MESSAGE_ID_SCHEMAS, [wrote]],
    [["OutboxItemId"], [wrote, ...[first("sendTypingIndicator")].flatMap((template) => (template ? [{ api: template }] : []))]],
    [["WebhookId"], [...[first("createWebhook")].flatMap((template) => (template ? [{ api: template }] : []))]],
  ];
  for (const [schemas, setup] of creators) {
    const [field] = referringFields(spec, operation, schemas);
    if (!field || setup.length === 0) continue;
    return { template: base, ...emulatorOnly(SEEDED_KEY, setup, { [field]: { call: setup.length, property: "id" } }) };
  }
  return undefined;
}

function scopeOf(operation: Operation): string {
  const [requirement] = Array.isArray(operation.node.security) ? operation.node.security : [];
  const scopes = isObject(requirement) ? Object.values(requirement)[0] : undefined;
  return Array.isArray(scopes) ? String(scopes[0]) : "";
}

const fieldsOf = (template: RequestTemplate): Record<string, Json> => ({ ...template.query, ...(isObject(template.body?.value) ? template.body.value : {}) });
const has = (template: RequestTemplate, field: string) => fieldsOf(template)[field] !== undefined;
/** A JSON write from a line to a recipient. */
const isWrite = (template: RequestTemplate) => isObject(template.body?.value) && template.body.value.from !== undefined && template.body.value.to !== undefined;

/** Sets fields where the request carries them: the query when it has the parameter, else the JSON body. */
export function withFields(template: RequestTemplate, fields: Record<string, Json>): RequestTemplate {
  const query = { ...template.query };
  const body = isObject(template.body?.value) ? { ...template.body.value } : undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (name in query || !body) query[name] = value;
    else body[name] = value;
  }
  return { ...template, query, ...(body && template.body && { body: { ...template.body, value: body } }) };
}

/** The JSON body reduced to its required fields and the first alternative it has (`text`). */
function minimal(spec: OpenApiDocument, template: RequestTemplate): RequestTemplate {
  const value = template.body?.value;
  const [media] = requestMediaTypes(spec, template.operation);
  if (!isObject(value) || !media) return template;
  const { required, alternatives } = objectFields(spec, media.media.schema as JsonObject);
  const keep = [...required, ...alternatives.filter((name) => value[name] !== undefined).slice(0, 1)];
  return { ...template, body: { ...template.body!, value: Object.fromEntries(Object.entries(value).filter(([name]) => keep.includes(name))) } };
}

/** The request fields (query parameters, body properties) whose schema, or item schema, is one of `schemas`. */
function referringFields(spec: OpenApiDocument, operation: Operation, schemas: string[]): string[] {
  const refersTo = (schema: Json | undefined): boolean => {
    if (!isObject(schema)) return false;
    if (typeof schema.$ref === "string" && schemas.some((name) => schema.$ref === `#/components/schemas/${name}`)) return true;
    return refersTo(schema.items) || (typeof schema.$ref === "string" && refersTo(deref(spec, schema)));
  };
  const query = parametersOf(spec, operation).filter((parameter) => parameter.in === "query" && refersTo(parameter.schema)).map((parameter) => String(parameter.name));
  const [media] = requestMediaTypes(spec, operation);
  const properties = media ? objectFields(spec, media.media.schema as JsonObject).properties : {};
  return [...query, ...Object.keys(properties).filter((name) => refersTo(properties[name]))];
}

function isArrayField(spec: OpenApiDocument, operation: Operation, field: string): boolean {
  const [media] = requestMediaTypes(spec, operation);
  const property = media ? deref(spec, objectFields(spec, media.media.schema as JsonObject).properties[field]) : undefined;
  return isObject(property) && property.type === "array";
}

/** A well-formed ID of the schema's resource that names nothing. */
function unknownId(spec: OpenApiDocument, schema: string): string {
  const prefix = idPrefixes(spec).get(schema);
  if (!prefix) throw new Error(`The ${schema} schema has no ID prefix in its pattern`);
  return `${prefix}0contract0unknown0`;
}

function exampleValue(spec: OpenApiDocument, name: string): Json | undefined {
  for (const operation of operations(spec)) {
    const value = exampleRequests(spec, operation)[0]?.template.query[name];
    if (value !== undefined) return value;
  }
  return undefined;
}
