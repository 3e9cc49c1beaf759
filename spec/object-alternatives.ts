// Request bodies written as an `anyOf` of whole objects (SendMessageRequest: text, an attachment, or
// both), read the way the API answers them. The fields are those of every branch, a field is
// required when every branch requires it, and the fields only some branches require are the
// alternatives, one of which must be sent. A failure is what it is whichever branch the caller
// meant: an error every failing branch reports, not the branch-specific noise Ajv reports too.
import type { ErrorObject } from "ajv/dist/2020.js";
import { deref, isObject, type JsonObject } from "./openapi.ts";

export interface ObjectFields {
  properties: JsonObject;
  required: string[];
  /** Fields of which at least one must be present (`text`, `attachments`); empty when there are none. */
  alternatives: string[];
}

const requiredOf = (schema: JsonObject) => (Array.isArray(schema.required) ? schema.required.map(String) : []);

/** The fields of an object schema, or of an `anyOf` of object schemas taken together. */
export function objectFields(spec: JsonObject, schema: JsonObject | undefined): ObjectFields {
  const resolved = deref(spec, schema);
  if (!isObject(resolved)) return { properties: {}, required: [], alternatives: [] };
  const branches = Array.isArray(resolved.anyOf) ? resolved.anyOf.map((branch) => deref(spec, branch)).filter(isObject) : [resolved];
  const properties: JsonObject = Object.assign({}, ...branches.map((branch) => (isObject(branch.properties) ? branch.properties : {})).reverse());
  const requiredLists = branches.map(requiredOf);
  const required = requiredLists[0]?.filter((name) => requiredLists.every((list) => list.includes(name))) ?? [];
  const alternatives = [...new Set(requiredLists.flat())].filter((name) => !required.includes(name));
  return { properties, required, alternatives };
}

const branchOf = (error: ErrorObject) => /\/anyOf\/(\d+)\//.exec(error.schemaPath)?.[1];
const sameFailure = (error: ErrorObject) => `${error.keyword} ${error.instancePath} ${JSON.stringify(error.params)}`;

export interface EssentialErrors {
  errors: ErrorObject[];
  /** Set when the request only failed to pick a branch: the alternatives it lacks, one of which it needs. */
  eitherOf?: string[];
}

/**
 * The errors that matter. Outside an `anyOf` the errors are what they are. Inside it, an error
 * every failing branch reports (a missing `to`, a wrong type) is kept once; when there is none, the
 * request only failed to pick a branch, and the alternatives it lacks (`text`, `attachments`) say why.
 */
export function essentialErrors(errors: ErrorObject[]): EssentialErrors {
  const outside = errors.filter((error) => branchOf(error) === undefined && error.keyword !== "anyOf");
  const inBranches = errors.filter((error) => branchOf(error) !== undefined);
  if (inBranches.length === 0) return { errors: outside };
  const byBranch = new Map<string | undefined, ErrorObject[]>();
  for (const error of inBranches) byBranch.set(branchOf(error), [...(byBranch.get(branchOf(error)) ?? []), error]);
  const failures = [...byBranch.values()].map((branchErrors) => new Set(branchErrors.map(sameFailure)));
  const shared = new Map<string, ErrorObject>();
  for (const error of inBranches) {
    const key = sameFailure(error);
    if (!shared.has(key) && failures.every((branch) => branch.has(key))) shared.set(key, error);
  }
  if (shared.size > 0 || outside.length > 0) return { errors: [...outside, ...shared.values()] };
  const missing = inBranches.filter((error) => error.keyword === "required");
  if (missing.length === 0) return { errors: [...byBranch.values()][0]! };
  return { errors: missing, eitherOf: [...new Set(missing.map((error) => String(error.params.missingProperty)))] };
}
