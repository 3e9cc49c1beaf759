// The one definition of "the response conforms", used by the contract suite and the emulator's tests
// alike. Checks one HTTP response against what the bundle documents for its operation: the status,
// the content type, the required headers, the body's schema, the `request_id`, and that an error's
// code is one the operation documents at that status. Every finding names
// the operation, the status and a JSON pointer into the response (`/status`, `/headers/<name>`,
// `/body/...`), with what the spec expects and what came back.
//
// Response objects are open: the API may add a field without breaking anyone. A field the spec does
// not document is therefore no violation but its own finding, "spec behind the API" (rule
// `undocumented-field`), found by validating the body once more with every object closed.
import type { ErrorObject } from "ajv/dist/2020.js";
import { deref, isObject, operations, parseJson, type Json, type JsonObject, type OpenApiDocument } from "./openapi.ts";
import { errorExamples } from "./errors.ts";
import { closeObjects, createSchemaValidator, type SchemaValidator } from "./schema-validator.ts";

export interface ObservedResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The raw body text; empty when there is none. */
  text: string;
}

export type ViolationRule = "status" | "content-type" | "header" | "body" | "request-id" | "error-code" | "expectation" | typeof UNDOCUMENTED_FIELD;

/** The rule of a "spec behind the API" finding: a response field the spec does not document. */
export const UNDOCUMENTED_FIELD = "undocumented-field";

export interface Violation {
  operationId: string;
  status: number;
  rule: ViolationRule;
  /** Where in the response: `/status`, `/headers/retry-after`, `/body/data/0/id`. */
  pointer: string;
  expected: string;
  actual: string;
}

export const isSpecBehind = (finding: Violation) => finding.rule === UNDOCUMENTED_FIELD;

export function formatViolation(v: Violation): string {
  return `${v.operationId} ${v.status} ${v.pointer || "/"}: expected ${v.expected}, got ${v.actual}`;
}

export interface ResponseValidator {
  /** Violations, and "spec behind the API" findings (see `isSpecBehind`). */
  validate(operationId: string, response: ObservedResponse): Violation[];
}

export function createResponseValidator(spec: OpenApiDocument): ResponseValidator {
  const schemas = createSchemaValidator(spec);
  const closed = createSchemaValidator(closeObjects(spec));
  const byId = new Map(operations(spec).map((operation) => [operation.operationId, operation]));

  const responsesOf = (operationId: string): JsonObject => {
    const operation = byId.get(operationId);
    if (!operation) throw new Error(`The spec has no operation ${operationId}`);
    return isObject(operation.node.responses) ? operation.node.responses : {};
  };

  return {
    validate(operationId, response) {
      const report: Report = (rule, pointer, expected, actual) => ({ operationId, status: response.status, rule, pointer, expected, actual });
      const documented = responsesOf(operationId);
      const key = documentedKey(documented, response.status);
      if (!key) return [report("status", "/status", `one of ${Object.keys(documented).join(", ")}`, String(response.status))];
      const declared = deref(spec, documented[key]) as JsonObject;
      const context = { spec, schemas, closed, declared, response, report };
      const errorCodes = errorExamples(spec, byId.get(operationId)).filter(({ status }) => status === key).map(({ code }) => code);
      return [...checkHeaders(context), ...checkBody(context), ...checkErrorCode(response, errorCodes, report)];
    },
  };
}

type Report = (rule: ViolationRule, pointer: string, expected: string, actual: string) => Violation;

interface CheckContext {
  spec: JsonObject;
  schemas: SchemaValidator;
  /** The same schemas with every object closed: what they reject beyond `schemas` is undocumented. */
  closed: SchemaValidator;
  /** The documented response object for the observed status. */
  declared: JsonObject;
  response: ObservedResponse;
  report: Report;
}

function checkHeaders({ spec, schemas, declared, response, report }: CheckContext): Violation[] {
  const headers = isObject(declared.headers) ? declared.headers : {};
  const violations: Violation[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const header = deref(spec, raw) as JsonObject;
    const pointer = `/headers/${escapePointer(name.toLowerCase())}`;
    const value = response.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required === true) violations.push(report("header", pointer, "the header (required)", "no header"));
      continue;
    }
    const schema = header.schema as JsonObject;
    for (const error of schemas.validate(schema, coerceHeader(schema, value))) {
      violations.push(report("header", pointer, describeError(error), JSON.stringify(value)));
    }
  }
  return violations;
}

function checkBody({ spec, schemas, closed, declared, response, report }: CheckContext): Violation[] {
  if (!isObject(declared.content)) return response.text === "" ? [] : [report("body", "/body", "no body", describeValue(truncate(response.text)))];
  const mediaTypes = Object.keys(declared.content);
  const contentType = response.headers["content-type"];
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const match = mediaTypes.find((candidate) => mediaTypeMatches(candidate, mediaType));
  if (!match) return [report("content-type", "/headers/content-type", `one of ${mediaTypes.join(", ")}`, contentType ?? "no header")];
  if (!isJsonMediaType(mediaType)) return [];

  const body = parseJson(response.text);
  if (body === undefined) return [report("body", "/body", "a JSON body", JSON.stringify(truncate(response.text)))];
  const violations: Violation[] = [];
  const schema = (declared.content[match] as JsonObject).schema as JsonObject;
  const hasRequestId = isObject(body) && typeof body.request_id === "string" && body.request_id !== "";
  if (!hasRequestId && requiredFields(spec, schema).includes("request_id")) {
    violations.push(report("request-id", "/body/request_id", "a request_id", describeValue(isObject(body) ? body.request_id : body)));
  }
  for (const error of schemas.validate(schema, body)) {
    const isRequestIdAgain = error.keyword === "required" && error.instancePath === "" && error.params.missingProperty === "request_id";
    if (isRequestIdAgain) continue;
    const pointer = errorPointer(error);
    violations.push(report("body", `/body${pointer}`, describeError(error), describeValue(valueAt(body, pointer))));
  }
  for (const error of closed.validate(schema, body)) {
    if (error.keyword !== "additionalProperties") continue;
    const pointer = errorPointer(error);
    violations.push(report(UNDOCUMENTED_FIELD, `/body${pointer}`, "only the fields the spec documents", describeValue(valueAt(body, pointer))));
  }
  return violations;
}

/** An error's code must be one the operation documents at this status. */
function checkErrorCode(response: ObservedResponse, documented: string[], report: Report): Violation[] {
  const body = parseJson(response.text);
  const code = isObject(body) && isObject(body.error) ? body.error.code : undefined;
  if (typeof code !== "string" || documented.includes(code)) return [];
  return [report("error-code", "/body/error/code", documented.length > 0 ? `one of ${documented.join(", ")}` : "no error code at this status", JSON.stringify(code))];
}

const requiredFields = (spec: JsonObject, schema: JsonObject): Json[] => {
  const resolved = deref(spec, schema);
  return isObject(resolved) && Array.isArray(resolved.required) ? resolved.required : [];
};


/** The spec's key for a status: the exact code, then its range (`4XX`), then `default`. */
function documentedKey(responses: JsonObject, status: number): string | undefined {
  const candidates = [String(status), `${String(status)[0]}XX`, "default"];
  return candidates.find((key) => key in responses);
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  const [type, subtype] = declared.toLowerCase().split("/");
  const [actualType, actualSubtype] = actual.split("/");
  return (type === "*" || type === actualType) && (subtype === "*" || subtype === actualSubtype);
}

const isJsonMediaType = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

/** Headers are text on the wire; read them as the type their schema declares before validating. */
function coerceHeader(schema: JsonObject, value: string): Json {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes("integer") || types.includes("number")) && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

function errorPointer(error: ErrorObject): string {
  const property =
    error.keyword === "required" ? error.params.missingProperty
    : error.keyword === "additionalProperties" ? error.params.additionalProperty
    : undefined;
  return typeof property === "string" ? `${error.instancePath}/${escapePointer(property)}` : error.instancePath;
}

function describeError(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return "a required property";
    case "additionalProperties":
      return "no such property (additionalProperties: false)";
    case "type":
      return `type ${String(error.params.type)}`;
    case "enum":
      return `one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return JSON.stringify(error.params.allowedValue);
    default:
      return `${error.keyword}: ${error.message ?? "valid"} (${error.schemaPath})`;
  }
}

function valueAt(body: Json, pointer: string): Json | undefined {
  return pointer
    .split("/")
    .slice(1)
    .map(unescapePointer)
    .reduce<Json | undefined>((node, key) => (Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined), body);
}

function describeValue(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  const kind = Array.isArray(value) ? "array" : typeof value;
  return `${kind} ${truncate(JSON.stringify(value))}`;
}

const truncate = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max)}…` : text);
const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");
