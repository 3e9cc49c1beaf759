// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect } from "./lib/rule.js";
import { deref, get, isObject } from "./lib/schema.js";

/**
 * Flags an operation (resolved) that does not declare 401 and 429, a 429 without a Retry-After
 * header, or no 400 although it takes a required parameter (its own or its path's) or body.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, null>} */
  function standardErrorResponses(operation, _options, { path, document }) {
    if (!isObject(operation)) return;
    const responses = isObject(operation.responses) ? operation.responses : {};
    const parameters = [get(document.data, [...path.slice(0, -1), "parameters"]), operation.parameters].flatMap((list) => (Array.isArray(list) ? list : []));
    const takesInput = parameters.some((parameter) => deref(document.data, parameter).required === true) || operation.requestBody?.required === true;
    const headers = Object.keys(get(responses, ["429", "headers"]) ?? {}).map((name) => name.toLowerCase());
    return collect((report) => {
      for (const status of ["401", "429", ...(takesInput ? ["400"] : [])]) {
        if (!(status in responses)) report(`declares no ${status} response`, [...path, "responses"]);
      }
      if ("429" in responses && !headers.includes("retry-after")) report("declares no Retry-After header on its 429", [...path, "responses", "429"]);
    });
  },
);
