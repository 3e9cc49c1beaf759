// A few typed views over the bundled spec, shared by the pipeline scripts, the tests, the emulator
// and the contract suite. Everything here reads the bundle; nothing restates it.
import { readFileSync } from "node:fs";
import { BUNDLE_JSON } from "./paths.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ["get", "post", "delete", "put", "patch"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OpenApiDocument extends JsonObject {
  paths: { [path: string]: JsonObject };
}

export interface Operation {
  method: HttpMethod;
  path: string;
  operationId: string;
  /** The operation object, with $refs left as they are in the bundle. */
  node: JsonObject;
}

export function loadBundle(file = BUNDLE_JSON): OpenApiDocument {
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
}

/** The JSON a text holds, or undefined when it holds none. */
export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows local `#/…` references until it reaches a node that is not one. */
export function deref(spec: JsonObject, node: Json | undefined): Json | undefined {
  let current = node;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || seen.has(ref)) throw new Error(`Cannot resolve $ref ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<Json | undefined>((parent, key) => (isObject(parent) ? parent[key] : undefined), spec);
  }
  return current;
}

export function operations(spec: OpenApiDocument): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      result.push({ method, path, operationId: String(node.operationId), node });
    }
  }
  return result;
}

/** The production server's URL: the published spec lists that one server and no other. */
export function productionUrl(spec: OpenApiDocument): string {
  const servers = Array.isArray(spec.servers) ? spec.servers : [];
  const [production] = servers;
  if (servers.length !== 1 || !isObject(production) || typeof production.url !== "string") {
    throw new Error(`The spec must list exactly one server, production; it lists ${servers.length}`);
  }
  return production.url;
}

/** The one scope an operation requires, from its `security` requirement. */
export function scopeOf(operation: Operation): string | undefined {
  const [requirement] = (operation.node.security as JsonObject[] | undefined) ?? [];
  const scopes = requirement ? Object.values(requirement)[0] : undefined;
  return Array.isArray(scopes) ? String(scopes[0]) : undefined;
}

export interface NamedExample {
  name: string;
  summary: string | undefined;
  value: Json | undefined;
}

/** The named examples of a media type object, with their $refs resolved. */
export function namedExamples(spec: JsonObject, mediaType: Json | undefined): NamedExample[] {
  const media = deref(spec, mediaType);
  if (!isObject(media) || !isObject(media.examples)) return [];
  return Object.entries(media.examples).map(([name, raw]) => {
    const example = deref(spec, raw);
    return isObject(example)
      ? { name, summary: example.summary as string | undefined, value: example.value }
      : { name, summary: undefined, value: undefined };
  });
}

export interface ResponseView {
  status: string;
  response: JsonObject;
  /** The JSON media type object, when the response has a JSON body. */
  json: JsonObject | undefined;
}

export function responses(spec: JsonObject, operation: Operation): ResponseView[] {
  const all = isObject(operation.node.responses) ? operation.node.responses : {};
  return Object.entries(all).map(([status, raw]) => {
    const response = deref(spec, raw) as JsonObject;
    const content = isObject(response.content) ? response.content : {};
    const json = content["application/json"];
    return { status, response, json: isObject(json) ? json : undefined };
  });
}
