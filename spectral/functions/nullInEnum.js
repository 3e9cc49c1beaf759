// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect } from "./lib/rule.js";
import { eachSchema } from "./lib/schema.js";

/** Flags every schema, at any depth, whose `enum` lists `null`. */
export default createRulesetFunction(
  { input: null, options: null },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, null>} */
  function nullInEnum(schema, _options, { path }) {
    return collect((report) =>
      eachSchema(schema, path, (s, at) => {
        const i = Array.isArray(s.enum) ? s.enum.indexOf(null) : -1;
        if (i >= 0) report("lists null", [...at, "enum", i]);
      }),
    );
  },
);
