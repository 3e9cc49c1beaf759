// Drift injection: each kind makes the emulator's /v1 responses deviate from the spec in exactly
// one way, so the contract suite can prove it notices. `--drift <kind>` (repeatable) turns them on.
import type { JsonObject } from "../spec/openapi.ts";
import { sparseValue } from "../spec/sparse.ts";
import type { Reply } from "./context.ts";

/** A response as it is about to be written: request_id already in the body. */
export interface WireReply extends Reply {
  headers: Record<string, string>;
  /** The schema the spec documents for this status's JSON body, when there is one. */
  schema?: JsonObject;
}

interface Drift {
  description: string;
  /** A conformant kind changes the answer within what the spec allows; the contract suite must pass. */
  conformant?: boolean;
  apply(reply: WireReply, spec: JsonObject): WireReply;
}

const isSuccess = (reply: WireReply) => reply.status < 400;
const isList = (body: JsonObject) => Array.isArray(body.data);
const items = (body: JsonObject): JsonObject[] => (isList(body) ? (body.data as JsonObject[]) : [body]);

/** Changes the body of a successful response with a JSON body. */
function onSuccessBody(change: (body: JsonObject) => JsonObject): (reply: WireReply) => WireReply {
  return (reply) => (isSuccess(reply) && reply.body ? { ...reply, body: change(reply.body) } : reply);
}

/** Changes the body of an error response. */
function onErrorBody(change: (body: JsonObject) => JsonObject): (reply: WireReply) => WireReply {
  return (reply) => (!isSuccess(reply) && reply.body ? { ...reply, body: change(reply.body) } : reply);
}

/** Changes `has_more` of a list, or `id` of a single resource. */
function onListFlagOrId(list: (hasMore: boolean) => unknown, single: (id: string) => unknown) {
  return onSuccessBody((body) =>
    isList(body) ? { ...body, has_more: list(body.has_more === true) as JsonObject } : { ...body, id: single(String(body.id)) as JsonObject },
  );
}

const DRIFTS = {
  "drop-required-field": {
    description: "Successful responses lose the required `id` of each resource.",
    apply: onSuccessBody((body) => {
      const strip = ({ id: _id, ...rest }: JsonObject) => rest;
      return isList(body) ? { ...body, data: items(body).map(strip) } : strip(body);
    }),
  },
  "change-field-type": {
    description: "A field changes type: a list's `has_more` becomes a string, a resource's `id` an array.",
    apply: onListFlagOrId((hasMore) => String(hasMore), (id) => [id]),
  },
  "rename-field": {
    description: "`request_id` of successful responses is renamed `requestId`.",
    apply: onSuccessBody(({ request_id: requestId, ...rest }) => ({ ...rest, requestId: requestId ?? null })),
  },
  "undocumented-status": {
    description: "Successful responses answer one status higher than documented (200 → 201, 201 → 202, 302 → 303).",
    apply: (reply) => (isSuccess(reply) ? { ...reply, status: reply.status + 1 } : reply),
  },
  "wrong-content-type": {
    description: "JSON bodies are sent as text/plain.",
    apply: (reply) => (reply.body ? { ...reply, headers: { ...reply.headers, "content-type": "text/plain; charset=utf-8" } } : reply),
  },
  "drop-request-id": {
    description: "Responses, success and error, carry no `request_id`.",
    apply: (reply) => {
      const { "x-request-id": _header, ...headers } = reply.headers;
      const body = reply.body && (({ request_id: _id, ...rest }: JsonObject) => rest)(reply.body);
      return { ...reply, headers, body };
    },
  },
  "drop-retry-after": {
    description: "429 responses come without `Retry-After`.",
    apply: (reply) => {
      const { "Retry-After": _retryAfter, ...headers } = reply.headers;
      return reply.status === 429 ? { ...reply, headers } : reply;
    },
  },
  "wrong-error-envelope": {
    description: "Errors are flat (`{code, message, type, request_id}`) instead of nested under `error`.",
    apply: onErrorBody(({ error, ...rest }) => ({ ...(error as JsonObject), ...rest })),
  },
  "wrong-id-prefix": {
    description: "Resource IDs carry the prefix `id_` instead of their resource's.",
    apply: onSuccessBody((body) => {
      const reprefix = (item: JsonObject) => (typeof item.id === "string" ? { ...item, id: item.id.replace(/^[a-z]+_/, "id_") } : item);
      return isList(body) ? { ...body, data: items(body).map(reprefix) } : reprefix(body);
    }),
  },
  "null-in-non-nullable": {
    description: "A non-nullable field is null: a list's `has_more`, a resource's `id`.",
    apply: onListFlagOrId(() => null, () => null),
  },
  "extra-property": {
    description: "Successful responses gain the obsolete `object` field, which the spec does not document (the spec is behind the API).",
    apply: onSuccessBody((body) => ({ object: isList(body) ? "list" : "resource", ...body })),
  },
  "drop-location": {
    description: "The 302 of a file download comes without `Location`.",
    apply: (reply) => {
      const { Location: _location, ...headers } = reply.headers;
      return reply.status === 302 ? { ...reply, headers } : reply;
    },
  },
  sparse: {
    description: "Successful answers leave out every field their schema does not require, at every depth (what --sparse turns on).",
    conformant: true,
    apply: (reply, spec) => (isSuccess(reply) && reply.body && reply.schema ? { ...reply, body: sparseValue(spec, reply.schema, reply.body) as JsonObject } : reply),
  },
  "undocumented-error-code": {
    description: "Error codes gain an `_error` suffix, so none is in the ErrorCode enum.",
    apply: onErrorBody((body) => {
      const error = body.error as JsonObject;
      return { ...body, error: { ...error, code: `${String(error.code)}_error` } };
    }),
  },
} satisfies Record<string, Drift>;

export type DriftKind = keyof typeof DRIFTS;
export const DRIFT_KINDS = Object.keys(DRIFTS) as DriftKind[];

export function isDriftKind(kind: string): kind is DriftKind {
  return Object.hasOwn(DRIFTS, kind);
}

export function describeDrift(kind: DriftKind): string {
  return DRIFTS[kind].description;
}

/** Whether the kind stays within the spec, so a contract run must still pass. */
export function isConformantDrift(kind: DriftKind): boolean {
  return (DRIFTS[kind] as Drift).conformant === true;
}

/** The response after every drift that is on. */
export function applyDrifts(kinds: readonly DriftKind[], reply: WireReply, spec: JsonObject): WireReply {
  return kinds.reduce((current, kind) => DRIFTS[kind].apply(current, spec), reply);
}
