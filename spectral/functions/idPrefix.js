// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect, optionsSchema } from "./lib/rule.js";
import { deref, eachProperty } from "./lib/schema.js";

/** @typedef {{ prefixes: string[], fields: Record<string, string>, schemas: Record<string, string> }} Options */

const prefixMap = { type: "object", additionalProperties: { type: "string" } };

/**
 * Flags `id`, `<name>_id` and `<name>_ids` properties whose pattern does not accept exactly their
 * resource's prefix among the known ones. The prefix comes from `<name>` (options.fields), or for
 * a bare `id` from the component schema (options.schemas); failing that, any one known prefix.
 */
export default createRulesetFunction(
  { input: null, options: optionsSchema({ prefixes: { type: "array", items: { type: "string" } }, fields: prefixMap, schemas: prefixMap }) },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, Options>} */
  function idPrefix(schema, options, { path, document }) {
    const component = path[0] === "components" && path[1] === "schemas" ? String(path[2]) : "";
    return collect((report) =>
      eachProperty(schema, path, (name, property, at) => {
        const field = idField(name, component, options);
        if (!field) return;
        const resolved = deref(document.data, property);
        const problem = prefixProblem((field.many ? deref(document.data, resolved.items) : resolved).pattern, field.prefix, options.prefixes);
        if (problem) report(problem, at);
      }),
    );
  },
);

/**
 * Whether `name` is an ID field, whether it holds a list of IDs, and the prefix it must carry
 * (undefined: any one known prefix).
 * @param {string} name @param {string} component @param {Options} options
 * @returns {{ many: boolean, prefix: string | undefined } | undefined}
 */
function idField(name, component, { fields, schemas }) {
  if (name === "id") return { many: false, prefix: schemas[component] };
  const match = /^(.+)_id(s?)$/u.exec(name);
  return match?.[1] ? { many: match[2] === "s", prefix: fields[match[1]] } : undefined;
}

/** @param {unknown} pattern @param {string | undefined} expected @param {string[]} prefixes */
function prefixProblem(pattern, expected, prefixes) {
  const wanted = expected ?? "exactly one known prefix";
  if (typeof pattern !== "string") return `has no pattern; it must accept ${wanted}`;
  let regex;
  try {
    regex = new RegExp(pattern, "u");
  } catch {
    return `has an invalid pattern ${pattern}`;
  }
  // Same suffix for every prefix, so only the prefix decides.
  const accepted = prefixes.filter((prefix) => regex.test(`${prefix}abc123`));
  if (accepted.length === 1 && (expected === undefined || accepted[0] === expected)) return undefined;
  return `has pattern ${pattern}, which accepts ${accepted.join(", ") || "no known prefix"}; it must accept ${wanted} and no other`;
}
