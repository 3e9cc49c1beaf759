// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { deref, eachProperty, examplesOf, typesOf } from "./lib/schema.js";

/** @typedef {{ names: string, min: number, max: number }} Options */

/**
 * Flags a property whose name matches `options.names` unless it is an int64 integer (nullable
 * allowed) whose example values lie between `options.min` and `options.max`.
 */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ names: { type: "string" }, min: { type: "number" }, max: { type: "number" } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, Options>} */
  function timestampMillis(schema, options, { path, document }) {
    const names = new RegExp(options.names, "u");
    return collect((report) =>
      eachProperty(schema, path, (name, property, at) => {
        const problem = names.test(name) ? timestampProblem(deref(document.data, property), options) : undefined;
        if (problem) report(problem, at);
      }),
    );
  },
);

/** @param {import("./lib/schema.js").Schema} schema @param {Options} options */
function timestampProblem(schema, { min, max }) {
  const types = typesOf(schema);
  if (!types.includes("integer") || types.some((type) => type !== "integer" && type !== "null")) {
    return `is typed ${JSON.stringify(schema.type ?? "nothing")}`;
  }
  if (schema.format !== "int64") return `has format ${schema.format ?? "none"}`;
  const wrong = examplesOf(schema).find((value) => value !== null && !(Number.isInteger(value) && Number(value) >= min && Number(value) <= max));
  return wrong === undefined ? undefined : `has example ${JSON.stringify(wrong)}, which is not in Unix milliseconds`;
}
