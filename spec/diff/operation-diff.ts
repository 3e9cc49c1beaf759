// Compares the operations and webhooks of two versions of the spec.
import { deref, isObject, operations, responses, scopeOf, type JsonObject, type OpenApiDocument, type Operation } from "../openapi.ts";
import { ChangeLog, type Change } from "./change.ts";
import { compareSchemas, type Place } from "./schema-diff.ts";

const describeOperation = (op: Operation) => `\`${op.operationId}\` (${op.method.toUpperCase()} ${op.path})`;

function parameters(spec: JsonObject, op: Operation): Map<string, JsonObject> {
  const list = Array.isArray(op.node.parameters) ? op.node.parameters : [];
  const resolved = list.map((p) => deref(spec, p)).filter(isObject);
  return new Map(resolved.map((p) => [`${String(p.in)} parameter \`${String(p.name)}\``, p]));
}

function jsonBody(spec: JsonObject, op: Operation): { required: boolean; schema: JsonObject | undefined } | undefined {
  const body = deref(spec, op.node.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const media = deref(spec, body.content["application/json"]);
  return { required: body.required === true, schema: isObject(media) && isObject(media.schema) ? media.schema : undefined };
}

function compareParameters(log: ChangeLog, where: string, before: OpenApiDocument, after: OpenApiDocument, old: Operation, now: Operation): void {
  const [oldParams, newParams] = [parameters(before, old), parameters(after, now)];
  for (const [name, param] of oldParams) {
    const next = newParams.get(name);
    if (!next) {
      log.add("request-parameter-removed", true, where, `${name} was removed`);
      continue;
    }
    if (param.required !== true && next.required === true) log.add("request-parameter-became-required", true, where, `${name} became required`);
    if (param.required === true && next.required !== true) log.add("request-parameter-became-optional", false, where, `${name} became optional`);
    const place: Place = { log, where, direction: "request" };
    compareSchemas(place, name, { spec: before, schema: param.schema }, { spec: after, schema: next.schema });
  }
  for (const [name, param] of newParams) {
    if (oldParams.has(name)) continue;
    const required = param.required === true;
    log.add(required ? "request-parameter-added-required" : "request-parameter-added-optional", required, where, `${name} was added${required ? " as required" : ""}`);
  }
}

function compareBodies(log: ChangeLog, where: string, before: OpenApiDocument, after: OpenApiDocument, old: Operation, now: Operation): void {
  const [oldBody, newBody] = [jsonBody(before, old), jsonBody(after, now)];
  if (!oldBody && newBody?.required) log.add("request-body-added-required", true, where, "a required JSON body was added");
  if (oldBody && !oldBody.required && newBody?.required) log.add("request-body-became-required", true, where, "the JSON body became required");
  if (oldBody && newBody) {
    compareSchemas({ log, where, direction: "request" }, "", { spec: before, schema: oldBody.schema }, { spec: after, schema: newBody.schema });
  }
}

function compareResponses(log: ChangeLog, where: string, before: OpenApiDocument, after: OpenApiDocument, old: Operation, now: Operation): void {
  const newResponses = new Map(responses(after, now).map((r) => [r.status, r]));
  for (const { status, response, json } of responses(before, old)) {
    const next = newResponses.get(status);
    if (!next) {
      // A success status that disappears breaks every caller; a dropped error status does not.
      if (/^[23]/.test(status)) log.add("response-status-removed", true, where, `the ${status} response was removed`);
      continue;
    }
    const oldHeaders = isObject(response.headers) ? response.headers : {};
    const newHeaders = isObject(next.response.headers) ? next.response.headers : {};
    for (const header of Object.keys(oldHeaders)) {
      if (!(header in newHeaders)) log.add("response-header-removed", true, where, `the ${status} response no longer sends \`${header}\``);
    }
    if (json && !next.json) log.add("response-body-removed", true, where, `the ${status} response no longer has a JSON body`);
    if (json && next.json) {
      compareSchemas({ log, where, direction: "response" }, `${status} body`, { spec: before, schema: json.schema }, { spec: after, schema: next.json.schema });
    }
  }
}

function compareOperation(log: ChangeLog, before: OpenApiDocument, after: OpenApiDocument, old: Operation, now: Operation): void {
  const where = describeOperation(now);
  if (old.operationId !== now.operationId) {
    log.add("operation-id-renamed", true, where, `operationId \`${old.operationId}\` was renamed, renaming the generated function and hook`);
  }
  if (scopeOf(old) !== scopeOf(now)) {
    log.add("operation-scope-changed", true, where, `requires scope \`${scopeOf(now)}\` instead of \`${scopeOf(old)}\``);
  }
  compareParameters(log, where, before, after, old, now);
  compareBodies(log, where, before, after, old, now);
  compareResponses(log, where, before, after, old, now);
}

function compareWebhooks(log: ChangeLog, before: OpenApiDocument, after: OpenApiDocument): void {
  const [oldHooks, newHooks] = [before.webhooks, after.webhooks].map((hooks) => (isObject(hooks) ? hooks : {})) as [JsonObject, JsonObject];
  for (const [event, item] of Object.entries(oldHooks)) {
    const next = newHooks[event];
    const where = `webhook \`${event}\``;
    if (!isObject(next)) {
      log.add("webhook-removed", true, where, "the event was removed or renamed; receivers subscribed to it get nothing");
      continue;
    }
    // Receivers read a delivery the way a client reads a response.
    const payload = (spec: JsonObject, node: JsonObject) => {
      const post = isObject(node.post) ? node.post : {};
      const body = deref(spec, post.requestBody);
      const media = isObject(body) && isObject(body.content) ? deref(spec, body.content["application/json"]) : undefined;
      return isObject(media) ? media.schema : undefined;
    };
    compareSchemas({ log, where, direction: "response" }, "payload", { spec: before, schema: payload(before, isObject(item) ? item : {}) }, { spec: after, schema: payload(after, next) });
  }
  for (const event of Object.keys(newHooks)) {
    if (!(event in oldHooks)) log.add("webhook-added", false, `webhook \`${event}\``, "a new event can be subscribed to");
  }
}

/** Every change between two versions of the spec, breaking or not. */
export function diffSpecs(before: OpenApiDocument, after: OpenApiDocument): Change[] {
  const log = new ChangeLog();
  const key = (op: Operation) => `${op.method} ${op.path}`;
  const newOps = new Map(operations(after).map((op) => [key(op), op]));
  const oldOps = new Map(operations(before).map((op) => [key(op), op]));
  for (const [k, old] of oldOps) {
    const now = newOps.get(k);
    if (now) compareOperation(log, before, after, old, now);
    else log.add("operation-removed", true, describeOperation(old), "the operation was removed");
  }
  for (const [k, now] of newOps) {
    if (!oldOps.has(k)) log.add("operation-added", false, describeOperation(now), "the operation was added");
  }
  compareWebhooks(log, before, after);
  return log.changes;
}
