// The first example request of each operation, assembled from what the spec declares: the
// examples of its required query parameters and of its header parameters, and the first named
// example of its request body. Code samples and the mock tests both send exactly this, and expect
// the operation's success response.
import { deref, isObject, namedExamples, responses, type Json, type JsonObject, type OpenApiDocument, type Operation } from "./openapi.ts";

export interface RequestBodyExample {
  mediaType: string;
  /** The example's name, which the mock also accepts in `Prefer: example=`. */
  name: string;
  value: Json | undefined;
  /** True for a raw-bytes body (`format: binary`), whose example value is only a placeholder. */
  binary: boolean;
}

export interface RequestExample {
  query: Record<string, string>;
  headers: Record<string, string>;
  body: RequestBodyExample | undefined;
}

function parameterExample(parameter: JsonObject): Json | undefined {
  if (parameter.example !== undefined) return parameter.example;
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  return Array.isArray(schema.examples) ? schema.examples[0] : schema.example;
}

function bodyExample(spec: OpenApiDocument, operation: Operation): RequestBodyExample | undefined {
  const body = deref(spec, operation.node.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const [entry] = Object.entries(body.content);
  if (!entry) return undefined;
  const [mediaType, media] = entry;
  const [example] = namedExamples(spec, media);
  if (!example) throw new Error(`${operation.operationId}: the request body of ${mediaType} has no named example`);
  const schema = isObject(media) ? deref(spec, media.schema) : undefined;
  return { mediaType, name: example.name, value: example.value, binary: isObject(schema) && schema.format === "binary" };
}

export function requestExample(spec: OpenApiDocument, operation: Operation): RequestExample {
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const raw of (operation.node.parameters as Json[] | undefined) ?? []) {
    const parameter = deref(spec, raw);
    if (!isObject(parameter)) continue;
    const value = parameterExample(parameter);
    if (value === undefined || value === null) continue;
    if (parameter.in === "query" && parameter.required === true) query[String(parameter.name)] = String(value);
    if (parameter.in === "header") headers[String(parameter.name)] = String(value);
  }
  return { query, headers, body: bodyExample(spec, operation) };
}

export interface SuccessResponse {
  status: string;
  /** The name of the response body's schema component, when it has one. */
  schemaName: string | undefined;
}

/** The operation's first 2xx or 3xx response: what its example request gets. */
export function successResponse(spec: OpenApiDocument, operation: Operation): SuccessResponse {
  const success = responses(spec, operation).find(({ status }) => /^[23]\d\d$/.test(status));
  if (!success) throw new Error(`${operation.operationId} declares no 2xx or 3xx response`);
  const schema = success.json?.schema;
  const ref = isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
  return { status: success.status, schemaName: ref?.split("/").pop() };
}
