// Resource ID prefixes (`msg_`, `chat_`, …), read from the ID schemas' patterns (`^msg_[A-Za-z0-9]+$`).
// The one place a pattern is parsed for its prefix.
import { isObject, type OpenApiDocument } from "./openapi.ts";

/** The prefix, underscore included, that a pattern of the form `^msg_[…]` requires; else undefined. */
export function idPrefixOfPattern(pattern: string): string | undefined {
  return /^\^([a-z]+_)\[/.exec(pattern)?.[1];
}

/** Each ID schema's prefix, keyed by schema name (`MessageId` → `msg_`). */
export function idPrefixes(spec: OpenApiDocument): Map<string, string> {
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const result = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const prefix = isObject(schema) && typeof schema.pattern === "string" ? idPrefixOfPattern(schema.pattern) : undefined;
    if (prefix) result.set(name, prefix);
  }
  return result;
}
