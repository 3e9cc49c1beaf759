// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { deref, eachProperty, examplesOf, typesOf } from "./lib/schema.js";

/** @typedef {{ names: string, min: number, max: number }} Options */

/**
 * Flags a property whose name matches `options.names` unless it is an integer (nullable allowed)
 * with no `format`, bounded by `minimum: 0` and `maximum: Number.MAX_SAFE_INTEGER`, whose example
 * values lie between `options.min` and `options.max`.
 *
 * No `format: int64`: hey-api's zod (and others) read it as BigInt, which JSON.stringify cannot
 * write, so a parsed message could not be sent on. int32 would overflow (it ends in January 1970
 * in milliseconds). The safe-integer maximum says the same bound in a form every generator reads
 * as a plain number.
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
  if (schema.format !== undefined) return `has format ${schema.format}, which generators read as BigInt or a too-small integer`;
  if (schema.minimum !== 0 || schema.maximum !== Number.MAX_SAFE_INTEGER) {
    return `is bounded ${schema.minimum ?? "-∞"}..${schema.maximum ?? "∞"}, not 0..${Number.MAX_SAFE_INTEGER}`;
  }
  const wrong = examplesOf(schema).find((value) => value !== null && !(Number.isInteger(value) && Number(value) >= min && Number(value) <= max));
  if (wrong === undefined) return undefined;
  return `has example ${JSON.stringify(wrong)}, which is not in Unix milliseconds`;
}
