// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { checkSync } from "recheck";
import { collect } from "./lib/rule.js";
import { eachSchema } from "./lib/schema.js";

/**
 * Flags every schema, at any depth, whose `pattern` can backtrack super-linearly (ReDoS): a
 * validator that runs it on a long enough string stalls. recheck's checkSync is its pure-JS build,
 * so linting never starts a JVM or a native binary.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, null>} */
  function linearPattern(schema, _options, { path }) {
    return collect((report) =>
      eachSchema(schema, path, (s, at) => {
        if (typeof s.pattern !== "string") return;
        const diagnostics = checkSync(s.pattern, "");
        if (diagnostics.status === "safe") return;
        const why = diagnostics.status === "vulnerable" ? `backtracks in ${diagnostics.complexity.type} time` : `cannot be proved linear (${diagnostics.status})`;
        report(`pattern ${why}`, [...at, "pattern"]);
      }),
    );
  },
);
