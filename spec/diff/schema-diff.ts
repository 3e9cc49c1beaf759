// Direction-aware comparison of two JSON Schemas. What breaks a client depends on which way the
// data flows: a request schema may only accept more, a response schema may only promise more.
import { objectFields } from "../object-alternatives.ts";
import { deref, isObject, type Json, type JsonObject } from "../openapi.ts";
import type { ChangeLog, Direction } from "./change.ts";

export interface SchemaSide {
  spec: JsonObject;
  schema: Json | undefined;
}

export interface Place {
  log: ChangeLog;
  where: string;
  direction: Direction;
}

const ALL_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"];

function types(schema: JsonObject): Set<string> {
  const declared = schema.type;
  if (declared === undefined) return new Set(ALL_TYPES);
  return new Set(Array.isArray(declared) ? declared.map(String) : [String(declared)]);
}

/** The values a schema allows, when it lists them: `enum`, or `const` as a one-value enum. */
const enumOf = (schema: JsonObject) =>
  Array.isArray(schema.enum) ? schema.enum.map((v) => JSON.stringify(v)) : "const" in schema ? [JSON.stringify(schema.const)] : undefined;
const requiredOf = (schema: JsonObject) => new Set((Array.isArray(schema.required) ? schema.required : []).map(String));
const propertiesOf = (schema: JsonObject) => (isObject(schema.properties) ? schema.properties : {});
const difference = <T>(a: Iterable<T>, b: Set<T>) => [...a].filter((x) => !b.has(x));

/** Bounds where a larger value accepts more, and where a smaller one does. */
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];

function compareTypes(place: Place, label: string, before: JsonObject, after: JsonObject): void {
  const [old, now] = [types(before), types(after)];
  const removed = difference(old, now);
  const added = difference(now, old);
  if (removed.length === 0 && added.length === 0) return;
  const what = `${label} type changed from ${[...old].join(" | ")} to ${[...now].join(" | ")}`;
  if (place.direction === "request") {
    // Requests: accepting fewer types breaks callers that send the dropped ones.
    place.log.add(removed.length > 0 ? "request-type-narrowed" : "request-type-widened", removed.length > 0, place.where, what);
  } else if (added.length === 1 && added[0] === "null" && removed.length === 0) {
    place.log.add("response-property-became-nullable", true, place.where, `${label} can now be null`);
  } else {
    // Responses: any new type reaches code that does not expect it; dropping one is harmless.
    place.log.add(added.length > 0 ? "response-type-changed" : "response-type-narrowed", added.length > 0, place.where, what);
  }
}

function compareEnums(place: Place, label: string, before: JsonObject, after: JsonObject): void {
  const [old, now] = [enumOf(before), enumOf(after)];
  if (!old && !now) return;
  const removed = old && now ? difference(old, new Set(now)) : [];
  const added = old && now ? difference(now, new Set(old)) : [];
  if (old && !now) added.push("(any value)");
  if (!old && now) removed.push("(any other value)");
  if (removed.length > 0) {
    const breaking = place.direction === "request";
    place.log.add(`${place.direction}-enum-value-removed`, breaking, place.where, `${label} no longer takes ${removed.join(", ")}`);
  }
  if (added.length > 0) {
    // A response enum that grows breaks clients that switch on it exhaustively.
    const breaking = place.direction === "response";
    place.log.add(`${place.direction}-enum-value-added`, breaking, place.where, `${label} gained ${added.join(", ")}`);
  }
}

function compareBounds(place: Place, label: string, before: JsonObject, after: JsonObject): void {
  const tightened: string[] = [];
  const loosened: string[] = [];
  const bound = (keyword: string, lower: boolean) => {
    const [old, now] = [before[keyword], after[keyword]];
    if (old === now) return;
    const stricter = now !== undefined && (old === undefined || (lower ? Number(now) > Number(old) : Number(now) < Number(old)));
    (stricter ? tightened : loosened).push(`${keyword} ${old ?? "none"} → ${now ?? "none"}`);
  };
  LOWER_BOUNDS.forEach((keyword) => bound(keyword, true));
  UPPER_BOUNDS.forEach((keyword) => bound(keyword, false));
  for (const keyword of ["pattern", "format"]) {
    if (JSON.stringify(before[keyword]) === JSON.stringify(after[keyword])) continue;
    // A new or different pattern can refuse what the old one accepted; dropping one cannot.
    (after[keyword] === undefined ? loosened : tightened).push(`${keyword} ${JSON.stringify(before[keyword]) ?? "none"} → ${JSON.stringify(after[keyword]) ?? "none"}`);
  }
  if (place.direction !== "request") return;
  if (tightened.length > 0) place.log.add("request-constraint-tightened", true, place.where, `${label}: ${tightened.join("; ")}`);
  if (loosened.length > 0) place.log.add("request-constraint-loosened", false, place.where, `${label}: ${loosened.join("; ")}`);
}

function compareProperties(place: Place, label: string, before: SchemaSide & { schema: JsonObject }, after: SchemaSide & { schema: JsonObject }, seen: Set<string>): void {
  const [oldProps, newProps] = [propertiesOf(before.schema), propertiesOf(after.schema)];
  const [oldRequired, newRequired] = [requiredOf(before.schema), requiredOf(after.schema)];
  const field = (name: string) => (label ? `${label}.${name}` : `\`${name}\``);
  const { direction, log, where } = place;
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) {
      log.add(`${direction}-property-removed`, true, where, `${field(name)} was removed`);
      continue;
    }
    if (oldRequired.has(name) && !newRequired.has(name)) {
      log.add(`${direction}-property-became-optional`, direction === "response", where, `${field(name)} became optional`);
    }
    if (!oldRequired.has(name) && newRequired.has(name)) {
      log.add(`${direction}-property-became-required`, direction === "request", where, `${field(name)} became required`);
    }
    compareSchemas(place, field(name), { spec: before.spec, schema: oldProps[name] }, { spec: after.spec, schema: newProps[name] }, seen);
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const required = newRequired.has(name);
    const rule = `${direction}-property-added${direction === "request" ? (required ? "-required" : "-optional") : ""}`;
    log.add(rule, direction === "request" && required, where, `${field(name)} was added${required ? " as required" : ""}`);
  }
  if (direction === "request" && before.schema.additionalProperties !== false && after.schema.additionalProperties === false) {
    log.add("request-additional-properties-closed", true, where, `${label || "the body"} no longer accepts unknown fields`);
  }
}

/**
 * An `anyOf` of whole objects (SendMessageRequest: text, an attachment, or both) as the one object
 * it describes: every branch's fields, required when every branch requires them, closed when every
 * branch is. So its fields are compared one by one; the change of branches is still reported.
 */
function asOneObject(spec: JsonObject, schema: JsonObject): JsonObject {
  if (schema.type !== undefined || schema.properties !== undefined || !Array.isArray(schema.anyOf)) return schema;
  const branches = schema.anyOf.map((branch) => deref(spec, branch));
  if (!branches.every((branch) => isObject(branch) && branch.type === "object")) return schema;
  const { properties, required } = objectFields(spec, schema);
  const closed = branches.every((branch) => isObject(branch) && branch.additionalProperties === false);
  return { ...schema, type: "object", properties, required, ...(closed && { additionalProperties: false }) };
}

/**
 * An `anyOf` of scalar branches (a reaction type: one of six names, or one emoji) as the values it
 * describes: the union of the branches' types, and an enum only when every branch has one. So a
 * branch that takes any string reads as an enum that gained "(any value)", not as a lost type.
 */
function asOneScalar(spec: JsonObject, schema: JsonObject): JsonObject {
  if (schema.type !== undefined || !Array.isArray(schema.anyOf)) return schema;
  const branches = schema.anyOf.map((branch) => deref(spec, branch));
  if (!branches.every((branch) => isObject(branch) && branch.type !== undefined && branch.type !== "object" && branch.properties === undefined)) return schema;
  const type = [...new Set(branches.flatMap((branch) => [...types(branch as JsonObject)]))];
  const enums = branches.map((branch) => enumOf(branch as JsonObject));
  const values = enums.every((values) => values !== undefined) ? [...new Set(enums.flat())].map((value) => JSON.parse(value) as Json) : undefined;
  return { ...schema, type: type.length === 1 ? type[0]! : type, ...(values && { enum: values }) };
}

/** Compares two schemas at `label`, adding each difference to `place.log`. */
export function compareSchemas(place: Place, label: string, before: SchemaSide, after: SchemaSide, seen = new Set<string>()): void {
  const key = `${label}|${JSON.stringify(before.schema)}|${JSON.stringify(after.schema)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const [oldNode, nowNode] = [deref(before.spec, before.schema), deref(after.spec, after.schema)];
  if (!isObject(oldNode) || !isObject(nowNode)) return;
  const [old, now] = [asOneScalar(before.spec, asOneObject(before.spec, oldNode)), asOneScalar(after.spec, asOneObject(after.spec, nowNode))];
  const what = label || "the body";
  compareTypes(place, what, old, now);
  compareEnums(place, what, old, now);
  compareBounds(place, what, old, now);
  compareProperties(place, label, { spec: before.spec, schema: old }, { spec: after.spec, schema: now }, seen);
  if (old.items !== undefined || now.items !== undefined) {
    compareSchemas(place, `${label}[]`, { spec: before.spec, schema: old.items }, { spec: after.spec, schema: now.items }, seen);
  }
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    if (JSON.stringify(old[keyword]) !== JSON.stringify(now[keyword])) {
      place.log.add(`${place.direction}-composition-changed`, true, place.where, `${what}: its ${keyword} rules changed; review by hand`);
    }
  }
}
