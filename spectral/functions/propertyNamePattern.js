// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { eachProperty } from "./lib/schema.js";

/** Flags every property, at any depth of the schema, whose name does not match `options.match`. */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ match: { type: "string" } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, { match: string }>} */
  function propertyNamePattern(schema, { match }, { path }) {
    const pattern = new RegExp(match, "u");
    return collect((report) =>
      eachProperty(schema, path, (name, _property, at) => {
        if (!pattern.test(name)) report(`does not match ${match}`, at);
      }),
    );
  },
);
