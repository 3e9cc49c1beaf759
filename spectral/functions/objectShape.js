// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { isObject, typesOf } from "./lib/schema.js";

/**
 * @typedef {{ required: Fields, optional?: Fields }} Shape
 * @typedef {Record<string, string[] | Shape>} Fields name → the exact JSON types it allows, or the
 *   shape of the object it holds
 */

const fields = { type: "object", additionalProperties: { anyOf: [{ type: "array", items: { type: "string" }, minItems: 1 }, { $ref: "#/definitions/shape" }] } };
const shape = optionsSchema({ required: fields }, { optional: fields });

/**
 * Flags an object schema (resolved) that lacks one of `options.required`, does not list it in
 * `required`, or types it otherwise. `options.optional` fields may be absent and must not be listed
 * in `required`. A field given as a shape is an object checked the same way.
 */
export default createRulesetFunction(
  { input: null, options: { ...shape, definitions: { shape } } },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, Shape>} */
  function objectShape(schema, options, { path }) {
    return collect((report) => checkShape(schema, options, path, report));
  },
);

/**
 * @param {unknown} schema @param {Shape} shape @param {import("./lib/rule.js").JsonPath} path
 * @param {(message: string, path: import("./lib/rule.js").JsonPath) => void} report
 * @param {string} [parent] the dotted name of the object being checked, for nested fields
 */
function checkShape(schema, { required, optional = {} }, path, report, parent = "") {
  if (!isObject(schema)) return report("is not declared", path);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const listed = Array.isArray(schema.required) ? schema.required : [];
  for (const [key, spec] of Object.entries({ ...optional, ...required })) {
    const name = parent + key;
    const mustList = key in required;
    const property = properties[key];
    if (!isObject(property)) {
      if (mustList) report(`has no property ${name}`, path);
      continue;
    }
    const types = Array.isArray(spec) ? spec : ["object"];
    const actual = typesOf(property);
    if (actual.length !== types.length || !types.every((type) => actual.includes(type))) {
      report(`types ${name} as ${JSON.stringify(property.type)}, not ${JSON.stringify(types)}`, [...path, "properties", key]);
    }
    if (listed.includes(key) !== mustList) report(`${mustList ? "does not list" : "lists"} ${name} in required`, [...path, "required"]);
    if (!Array.isArray(spec)) checkShape(property, spec, [...path, "properties", key], report, `${name}.`);
  }
}
