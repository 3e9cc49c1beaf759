// @ts-check
// Boilerplate shared by the mdev-* rule functions.

/** @typedef {import("@stoplight/spectral-core").IFunctionResult} Result */
/** @typedef {import("@stoplight/types").JsonPath} JsonPath */

/**
 * The JSON Schema of a function's options: an object with exactly these properties, the first set
 * required, so a typo in .spectral.yaml fails when the ruleset loads instead of checking nothing.
 * @param {Record<string, object>} required @param {Record<string, object>} [optional]
 */
export const optionsSchema = (required, optional = {}) => ({
  type: /** @type {const} */ ("object"),
  properties: { ...required, ...optional },
  required: Object.keys(required),
  additionalProperties: false,
});

/**
 * Runs `find`, handing it a `report(message, path)` callback, and returns what it reported.
 * @param {(report: (message: string, path: JsonPath) => void) => void} find @returns {Result[]}
 */
export function collect(find) {
  /** @type {Result[]} */
  const results = [];
  find((message, path) => results.push({ message, path }));
  return results;
}
