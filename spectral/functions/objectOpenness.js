// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { eachSchema, typesOf } from "./lib/schema.js";

/**
 * Flags every object schema, at any depth of a (resolved) body schema, whose openness is not the
 * one asked for: `closed: true` wants `additionalProperties: false` (a request refuses what it does
 * not know), `closed: false` wants it left out (a response may gain fields without breaking anyone).
 */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ closed: { type: "boolean" } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, { closed: boolean }>} */
  function objectOpenness(schema, { closed }, { path }) {
    return collect((report) =>
      eachSchema(schema, path, (s, at) => {
        if (!typesOf(s).includes("object") || !s.properties) return;
        if (closed && s.additionalProperties !== false) report("is open to unknown fields", at);
        if (!closed && s.additionalProperties === false) report("is closed to new fields", [...at, "additionalProperties"]);
      }),
    );
  },
);
