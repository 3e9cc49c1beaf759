// JSON Schema validation against the bundle's own schemas, with the 2020-12 dialect that
// OpenAPI 3.1 uses. Shared by the spec tests, the emulator and the contract suite.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Json, JsonObject } from "./openapi.ts";

const SPEC_ID = "openapi.json";

// OpenAPI adds these formats on top of JSON Schema. They are annotations: the schema's type and
// bounds already say what is valid.
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];

export interface SchemaValidator {
  /** Validates `value` against the schema at a JSON pointer into the spec, or a schema object. */
  validate(schema: string | JsonObject, value: unknown): ErrorObject[];
}

export function createSchemaValidator(spec: JsonObject): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats.default(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema(spec as object, SPEC_ID);

  const compiled = new Map<string | JsonObject, ValidateFunction>();
  const compile = (schema: string | JsonObject): ValidateFunction => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate =
        typeof schema === "string"
          ? ajv.getSchema(`${SPEC_ID}${schema}`)
          : ajv.compile(rebase(schema));
      if (!validate) throw new Error(`No schema at ${schema as string}`);
      compiled.set(schema, validate);
    }
    return validate;
  };
  return {
    validate(schema, value) {
      const validate = compile(schema);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
  };
}

/** Points local refs (`#/components/...`) of a free-standing schema at the spec. */
function rebase(schema: Json): JsonObject {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`)) as JsonObject;
}

/**
 * A copy of a spec (or schema) in which every object that leaves `additionalProperties` unsaid is
 * closed. Response objects are open, so that the API may add fields; validating against this copy
 * finds the fields the spec does not document.
 */
export function closeObjects<T extends Json>(node: T): T {
  if (Array.isArray(node)) return node.map(closeObjects) as T;
  if (typeof node !== "object" || node === null) return node;
  const copy: JsonObject = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closeObjects(value)]));
  const open = typeof copy.properties === "object" && copy.properties !== null && !("additionalProperties" in copy);
  return (open ? { ...copy, additionalProperties: false } : copy) as T;
}
