// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { optionsSchema } from "./lib/rule.js";
import { get, isObject } from "./lib/schema.js";

/** @typedef {{ scheme: string, scope: string }} Options */

/**
 * Flags an operation whose `security` is not exactly one requirement of `options.scheme` (defined in
 * components.securitySchemes) with exactly one scope matching `options.scope`, or whose description
 * does not name that scope in backticks.
 */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ scheme: { type: "string" }, scope: { type: "string" } }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, Options>} */
  function operationScope(operation, options, { path, document }) {
    if (!isObject(operation)) return;
    const problem = scopeProblem(operation, options, document.data);
    return problem && [{ message: problem[0], path: [...path, problem[1]] }];
  },
);

/**
 * What is wrong, and under which key of the operation.
 * @param {import("./lib/schema.js").Schema} operation @param {Options} options @param {unknown} root
 * @returns {[string, string] | undefined}
 */
function scopeProblem({ security, description }, { scheme, scope }, root) {
  if (!Array.isArray(security) || security.length !== 1) return [`has ${Array.isArray(security) ? security.length : "no"} security requirements, not one`, "security"];
  const schemes = Object.keys(isObject(security[0]) ? security[0] : {});
  if (schemes.join() !== scheme) return [`requires ${schemes.join(" and ") || "no scheme"} instead of ${scheme} alone`, "security"];
  if (!isObject(get(root, ["components", "securitySchemes", scheme]))) return [`requires ${scheme}, which components.securitySchemes does not define`, "security"];
  const scopes = security[0][scheme];
  if (!Array.isArray(scopes) || scopes.length !== 1 || !new RegExp(scope, "u").test(scopes[0])) {
    return [`names the scopes ${JSON.stringify(scopes)}, not exactly one matching ${scope}`, "security"];
  }
  if (typeof description !== "string" || !description.includes(`\`${scopes[0]}\``)) return [`does not mention \`${scopes[0]}\` in its description`, "description"];
  return undefined;
}
