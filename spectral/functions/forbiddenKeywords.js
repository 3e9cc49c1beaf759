// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { eachSchema } from "./lib/schema.js";

/** Flags every schema, at any depth, that uses one of `options.keywords`. */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ keywords: { type: "array", items: { type: "string" }, minItems: 1 } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, { keywords: string[] }>} */
  function forbiddenKeywords(schema, { keywords }, { path }) {
    return collect((report) =>
      eachSchema(schema, path, (s, at) => {
        for (const keyword of keywords) if (keyword in s) report(`uses ${keyword}`, [...at, keyword]);
      }),
    );
  },
);
