// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { optionsSchema } from "./lib/rule.js";
import { isObject } from "./lib/schema.js";

/** Flags an operationId that does not start with a verb `options.verbs` allows for its HTTP method. */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ verbs: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, { verbs: Record<string, string[]> }>} */
  function operationIdVerb(operation, { verbs }, { path }) {
    const method = String(path.at(-1));
    const allowed = verbs[method];
    const id = isObject(operation) ? operation.operationId : undefined;
    // A missing operationId is operation-operationId's finding, not this rule's.
    if (!allowed || typeof id !== "string") return;
    // The verb must end at a camelCase boundary: `getFile`, not `getaway`.
    if (allowed.some((verb) => new RegExp(`^${verb}(?:[A-Z0-9]|$)`, "u").test(id))) return;
    return [{ message: `${method.toUpperCase()} operationId "${id}" must start with ${allowed.join(" or ")}`, path: [...path, "operationId"] }];
  },
);
