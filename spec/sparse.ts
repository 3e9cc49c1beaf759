// The sparsest answer the spec allows: a value with every optional field left out, at every depth,
// read from the schemas of the bundle. The emulator answers this way in sparse mode, and the bundle
// derives the mock's `sparse` examples with it, so frontends meet the fields that can be missing.
import { deref, isObject, type Json, type JsonObject } from "./openapi.ts";

/** `value` with only the fields its schema requires, recursively; anything else is kept as it is. */
export function sparseValue(spec: JsonObject, schema: Json | undefined, value: Json): Json {
  const resolved = deref(spec, schema);
  if (!isObject(resolved)) return value;
  if (Array.isArray(value)) return value.map((item) => sparseValue(spec, resolved.items, item));
  if (!isObject(value) || !isObject(resolved.properties)) return value;
  const properties = resolved.properties;
  const required = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => required.includes(key))
      .map(([key, field]) => [key, sparseValue(spec, properties[key], field)]),
  );
}
