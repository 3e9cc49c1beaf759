// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { collect } from "./lib/rule.js";
import { deref, eachProperty, examplesOf, isObject, typesOf } from "./lib/schema.js";

/** @typedef {import("./lib/schema.js").Schema} Schema */

const SCALARS = ["string", "integer", "number", "boolean"];

/**
 * Given a parameter or header: flags it unless it, its schema or its content has an example. Given
 * a schema: flags each property, at any depth, of a scalar type or an array of scalars (nullable or
 * not) without an example on itself or on the schema it refers to. Object properties are exempt:
 * their own properties are checked.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @type {import("@stoplight/spectral-core").RulesetFunction<unknown, null>} */
  function examplesEverywhere(target, _options, { path, document }) {
    const root = document.data;
    const owner = path.at(-2);
    if (owner === "parameters" || owner === "headers") {
      // A $ref'd parameter or header is checked where it is defined.
      if (!isObject(target) || "$ref" in target) return;
      const media = Object.values(isObject(target.content) ? target.content : {});
      const carriers = [target, deref(root, target.schema), ...media.flatMap((m) => [deref(root, m), deref(root, m?.schema)])];
      const name = owner === "parameters" ? `Parameter '${target.name}'` : `Header '${path.at(-1)}'`;
      return carriers.some((carrier) => examplesOf(carrier).length > 0) ? undefined : [{ message: `${name} has no example`, path }];
    }
    return collect((report) =>
      eachProperty(target, path, (name, property, at) => {
        const schema = deref(root, property);
        const needsExample = isScalar(schema) || (typesOf(schema).includes("array") && isScalar(deref(root, schema.items)));
        if (needsExample && examplesOf(schema).length === 0) report(`Property '${name}' has no example`, at);
      }),
    );
  },
);

/** @param {Schema} schema */
function isScalar(schema) {
  const types = typesOf(schema).filter((type) => type !== "null");
  return types.length > 0 && types.every((type) => SCALARS.includes(type));
}
