// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect } from "./lib/rule.js";
import { eachSchema, typesOf } from "./lib/schema.js";

const FORMATS = ["int32", "int64"];

/**
 * Flags every integer schema, at any depth, bounded neither by an int32/int64 format nor by a
 * minimum and a maximum within Number.MAX_SAFE_INTEGER (the range a JSON number keeps exactly in
 * JavaScript).
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, null>} */
  function integerBounded(schema, _options, { path }) {
    return collect((report) =>
      eachSchema(schema, path, (s, at) => {
        if (!typesOf(s).includes("integer") || FORMATS.includes(s.format)) return;
        if (typeof s.minimum !== "number" || typeof s.maximum !== "number") report("has neither an int32/int64 format nor a minimum and a maximum", at);
        else if (s.maximum > Number.MAX_SAFE_INTEGER || s.minimum < Number.MIN_SAFE_INTEGER) report("is bounded beyond Number.MAX_SAFE_INTEGER", at);
      }),
    );
  },
);
