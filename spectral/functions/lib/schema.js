// @ts-check
// Schema helpers shared by the mdev-* rule functions.

/** @typedef {Record<string, any>} Schema */
/** @typedef {import("@stoplight/types").JsonPath} JsonPath */

/** @param {unknown} value @returns {value is Schema} */
export const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// Keywords whose value is one subschema, a list of them, or a map of them. Walking only these keeps
// the rules out of example values, defaults and enums, where any key name can appear.
const ONE = ["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains", "not", "if", "then", "else", "propertyNames"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAP = ["properties", "patternProperties", "dependentSchemas", "$defs"];

/**
 * Calls `visit` on `schema` and on every subschema written inside it. A `$ref` is not followed:
 * the schema it points at is visited from its own root, so each schema is seen once.
 * @param {unknown} schema @param {JsonPath} path @param {(schema: Schema, path: JsonPath) => void} visit
 */
export function eachSchema(schema, path, visit) {
  if (!isObject(schema)) return;
  visit(schema, path);
  for (const key of ONE) eachSchema(schema[key], [...path, key], visit);
  // `items` is a list too in draft-4 tuple form.
  for (const key of [...LIST, "items"]) (Array.isArray(schema[key]) ? schema[key] : []).forEach((s, i) => eachSchema(s, [...path, key, i], visit));
  for (const key of MAP) for (const [name, s] of Object.entries(isObject(schema[key]) ? schema[key] : {})) eachSchema(s, [...path, key, name], visit);
}

/**
 * Calls `visit` for every property declared anywhere inside `schema`.
 * @param {unknown} schema @param {JsonPath} path
 * @param {(name: string, property: unknown, path: JsonPath) => void} visit
 */
export function eachProperty(schema, path, visit) {
  eachSchema(schema, path, (s, p) => {
    if (!isObject(s.properties)) return;
    for (const [name, property] of Object.entries(s.properties)) visit(name, property, [...p, "properties", name]);
  });
}

/**
 * The schema `node` stands for: its local `$ref` followed (the bundle has only `#/…` refs), with the
 * keywords written beside the `$ref` taking precedence, as in OpenAPI 3.1.
 * @param {unknown} root the whole document @param {unknown} node
 * @param {Set<string>} [seen] refs already followed, so a $ref cycle ends instead of overflowing the stack
 * @returns {Schema}
 */
export function deref(root, node, seen = new Set()) {
  if (!isObject(node)) return {};
  const { $ref, ...siblings } = node;
  if (typeof $ref !== "string" || !$ref.startsWith("#/") || seen.has($ref)) return node;
  const target = get(root, $ref.slice(2).split("/").map(decodePointer));
  return { ...deref(root, target, seen.add($ref)), ...siblings };
}

/** The value at `keys` inside `root`, or undefined. @param {unknown} root @param {JsonPath} keys @returns {unknown} */
export const get = (root, keys) => keys.reduce((/** @type {any} */ at, key) => (typeof at === "object" && at !== null ? at[key] : undefined), root);

/** @param {string} token */
const decodePointer = (token) => decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");

/** The JSON types a schema allows, `type: [string, "null"]` and `type: string` alike. @param {Schema} schema @returns {string[]} */
export const typesOf = (schema) => (schema.type === undefined ? [] : [schema.type].flat());

/**
 * What `example` and `examples` hold on a schema (example values) or on a parameter, header or
 * media type (Example Objects).
 * @param {Schema} node @returns {unknown[]}
 */
export function examplesOf(node) {
  const examples = Array.isArray(node.examples) ? node.examples : Object.values(isObject(node.examples) ? node.examples : {});
  return "example" in node ? [node.example, ...examples] : examples;
}
