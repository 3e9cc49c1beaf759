// An independent check of one HTTP response against the bundle: is its status documented for the
// operation, does it carry the required headers, is its body JSON of the documented schema, and is
// an error's code one the operation documents, and does it carry only documented fields (the spec's
// response objects are open, but the emulator must not invent fields)? Used by every emulator test
// and the drift tests.
import {
  deref,
  isObject,
  loadBundle,
  namedExamples,
  operations,
  responses,
  type JsonObject,
} from "../../spec/openapi.ts";
import { closeObjects, createSchemaValidator } from "../../spec/schema-validator.ts";

export const bundle = loadBundle();
export const schemaValidator = createSchemaValidator(bundle);
const closedValidator = createSchemaValidator(closeObjects(bundle));
const byRoute = new Map(operations(bundle).map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation]));

export interface WireResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

export function conformanceProblems(method: string, path: string, response: WireResponse): string[] {
  const operation = byRoute.get(`${method} ${path}`);
  if (!operation) return [`${method} ${path} is not an operation of the spec`];
  const documented = responses(bundle, operation).find((r) => r.status === String(response.status));
  if (!documented) return [`status ${response.status} is not documented for ${operation.operationId}`];
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(isObject(documented.response.headers) ? documented.response.headers : {})) {
    const header = deref(bundle, raw);
    if (isObject(header) && header.required === true && response.headers.get(name) === null) problems.push(`header ${name} is missing`);
  }
  if (!documented.json) {
    if (response.body !== undefined) problems.push("a body was sent where none is documented");
    return problems;
  }
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/json")) problems.push(`content-type is ${contentType}, not application/json`);
  const schema = documented.json.schema as JsonObject;
  for (const error of schemaValidator.validate(schema, response.body)) {
    problems.push(`body${error.instancePath} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
  }
  for (const error of closedValidator.validate(schema, response.body)) {
    if (error.keyword === "additionalProperties") problems.push(`body${error.instancePath} has the undocumented field ${String(error.params.additionalProperty)}`);
  }
  const code = isObject(response.body as JsonObject) && isObject((response.body as JsonObject).error) ? ((response.body as JsonObject).error as JsonObject).code : undefined;
  if (code !== undefined) {
    const codes = namedExamples(bundle, documented.json).map(({ value }) => (isObject(value) && isObject(value.error) ? value.error.code : undefined));
    if (!codes.includes(code)) problems.push(`error code ${String(code)} is not documented for ${operation.operationId} at ${response.status}`);
  }
  return problems;
}
