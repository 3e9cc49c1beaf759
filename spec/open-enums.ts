// Open enums: a string schema that names the values it knows and still accepts others, written as
// `anyOf: [{type: string, enum: [...]}, {type: string, ...}]` (ReactionType: six tapbacks or one
// emoji). TypeScript collapses `"love" | … | string` to `string`, which loses the names in the
// editor; `"love" | … | (string & {})` keeps them offered and still accepts any string. Both
// generators write the collapsing form, so generation finishes their output with these helpers.
import { isObject, type Json, type JsonObject, type OpenApiDocument } from "./openapi.ts";

const isString = (node: Json | undefined): node is JsonObject => isObject(node) && node.type === "string";

/** The named values of an open enum, or undefined when `schema` is not one. */
export function openEnumValues(schema: Json | undefined): string[] | undefined {
  if (!isObject(schema) || !Array.isArray(schema.anyOf) || schema.anyOf.length !== 2) return undefined;
  const named = schema.anyOf.find((branch) => isString(branch) && Array.isArray(branch.enum));
  const open = schema.anyOf.find((branch) => isString(branch) && !("enum" in branch) && !("const" in branch));
  return isString(named) && open !== undefined ? (named.enum as Json[]).map(String) : undefined;
}

/** The component schemas that are open enums, by name. */
function openEnums(spec: OpenApiDocument): Map<string, string[]> {
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const found = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(schemas)) {
    const values = openEnumValues(schema);
    if (values) found.set(name, values);
  }
  return found;
}

/**
 * Rewrites orval's `export type Name = 'a' | 'b' | string;` of each open enum into the form that
 * keeps the names. Throws when orval wrote something else, so a new orval cannot silently undo it.
 */
export function keepOpenEnumNames(models: string, spec: OpenApiDocument): string {
  let result = models;
  for (const [name, values] of openEnums(spec)) {
    const collapsed = `export type ${name} = ${values.map((value) => `'${value}'`).join(" | ")} | string;`;
    if (!result.includes(collapsed)) throw new Error(`models.ts: orval did not write ${name} as expected: ${collapsed}`);
    result = result.replace(collapsed, `${collapsed.slice(0, -"string;".length)}(string & {});`);
  }
  return result;
}
