// Requests built from what the spec shows: an operation's parameter examples and its request body
// examples. They stay structured (not yet serialized) so a negative case can break one rule first.
import { deref, isObject, type Json, type JsonObject, type OpenApiDocument, type Operation } from "../../spec/openapi.ts";
import type { ApiRequest } from "../http-client.ts";

export interface RequestTemplate {
  operation: Operation;
  query: Record<string, Json>;
  headers: Record<string, string>;
  body?: { mediaType: string; value: Json; /** Sent as is instead of the serialized value. */ raw?: string };
  auth: boolean;
}

export interface ExampleRequest {
  /** The example's name in the spec, or `parameters` for an operation without a body. */
  name: string;
  template: RequestTemplate;
}

/** Values that replace the spec's examples on this target, by parameter or top-level field name. */
export type Bindings = Record<string, string>;

export function parametersOf(spec: OpenApiDocument, operation: Operation): JsonObject[] {
  const parameters = Array.isArray(operation.node.parameters) ? operation.node.parameters : [];
  return parameters.map((parameter) => deref(spec, parameter) as JsonObject);
}

/** The JSON or binary media types of an operation's request body, with their resolved schema. */
export function requestMediaTypes(spec: OpenApiDocument, operation: Operation): Array<{ mediaType: string; media: JsonObject }> {
  const body = deref(spec, operation.node.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  return Object.entries(content).map(([mediaType, media]) => ({ mediaType, media: deref(spec, media) as JsonObject }));
}

/** One request per request body example; an operation without a body gets one from its parameter examples. */
export function exampleRequests(spec: OpenApiDocument, operation: Operation, bindings: Bindings = {}): ExampleRequest[] {
  const query: Record<string, Json> = {};
  const headers: Record<string, string> = {};
  for (const parameter of parametersOf(spec, operation)) {
    if (parameter.example === undefined) {
      if (parameter.required === true) throw new Error(`${operation.operationId}: required parameter ${String(parameter.name)} has no example`);
      continue;
    }
    if (parameter.in === "query") query[String(parameter.name)] = parameter.example;
    else if (parameter.in === "header") headers[String(parameter.name)] = String(parameter.example);
  }
  const base: RequestTemplate = { operation, query, headers, auth: true };
  const bodies = requestMediaTypes(spec, operation).flatMap(({ mediaType, media }) =>
    Object.entries(isObject(media.examples) ? media.examples : {}).map(([name, example]) => ({
      name,
      // A wildcard media type is not something a client can send; the bytes go as octet-stream.
      mediaType: mediaType.includes("*") ? "application/octet-stream" : mediaType,
      value: (deref(spec, example) as JsonObject).value ?? null,
    })),
  );
  const requests = bodies.length === 0
    ? [{ name: "parameters", template: base }]
    : bodies.map(({ name, mediaType, value }) => ({ name, template: { ...base, body: { mediaType, value } } }));
  return requests.map(({ name, template }) => ({ name, template: bind(template, bindings) }));
}

function bind(template: RequestTemplate, bindings: Bindings): RequestTemplate {
  const query = Object.fromEntries(Object.entries(template.query).map(([name, value]) => [name, bindings[name] ?? value]));
  const body = template.body && isObject(template.body.value)
    ? { ...template.body, value: Object.fromEntries(Object.entries(template.body.value).map(([name, value]) => [name, bindings[name] ?? value])) }
    : template.body;
  return { ...template, query, ...(body && { body }) };
}

export const isJsonMediaType = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

export function toApiRequest(template: RequestTemplate, apiKey: string): ApiRequest {
  const { operation, body } = template;
  const headers = { ...template.headers };
  if (template.auth) headers.Authorization = `Bearer ${apiKey}`;
  const query = Object.fromEntries(Object.entries(template.query).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]));
  const request: ApiRequest = { method: operation.method.toUpperCase() as ApiRequest["method"], path: operation.path, query, headers };
  if (!body) return request;
  headers["content-type"] = body.mediaType;
  const text = body.raw ?? (isJsonMediaType(body.mediaType) ? JSON.stringify(body.value) : String(body.value));
  return { ...request, body: text };
}
