// The bundle as the code generators read it. The spec says "text, an attachment, or both" the JSON
// Schema way: an object whose `anyOf` branches only add `required` (and a refinement of a
// property). That is valid, but openapi-typescript 7 widens it to `unknown`, orval 7's zod
// output dropped every property, and orval 8's intersects strict objects that reject valid bodies.
// Spelled out as whole objects, one per branch, it says the same and both generators understand it.
// The committed bundle is not changed.
import { isObject, type Json, type JsonObject, type OpenApiDocument } from "./openapi.ts";

const COMBINATORS = ["anyOf", "oneOf"] as const;

/** A branch that refines its parent rather than standing alone: no type, no $ref. */
const isRefinement = (branch: Json): branch is JsonObject => isObject(branch) && !("type" in branch) && !("$ref" in branch);

function mergeProperty(base: Json | undefined, refinement: Json): Json {
  if (!isObject(base) || !isObject(refinement)) return refinement;
  return "$ref" in base ? { allOf: [base, refinement] } : { ...base, ...refinement };
}

function spellOut(parent: JsonObject, branch: JsonObject): JsonObject {
  const properties: JsonObject = { ...(isObject(parent.properties) ? parent.properties : {}) };
  for (const [name, refinement] of Object.entries(isObject(branch.properties) ? branch.properties : {})) {
    properties[name] = mergeProperty(properties[name], refinement);
  }
  const required = [...(Array.isArray(parent.required) ? parent.required : []), ...(Array.isArray(branch.required) ? branch.required : [])];
  return { ...parent, required: [...new Set(required)], properties };
}

function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!isObject(node)) return node;
  const result: JsonObject = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)]));
  for (const combinator of COMBINATORS) {
    const branches = result[combinator];
    if (result.type !== "object" || !Array.isArray(branches) || !branches.every(isRefinement)) continue;
    const { [combinator]: _, description, ...parent } = result;
    return { ...(description === undefined ? {} : { description }), [combinator]: branches.map((branch) => spellOut(parent, branch)) };
  }
  return result;
}

/** A copy of the bundle with refinement-only `anyOf`/`oneOf` branches spelled out as whole objects. */
export function forGenerators(spec: OpenApiDocument): OpenApiDocument {
  return rewrite(spec) as OpenApiDocument;
}
