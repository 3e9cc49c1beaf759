// The emulator's answers judged by the one conformance checker (spec/conformance.ts), with every
// finding a problem: the spec's response objects are open, but the emulator must not invent fields,
// so an undocumented field counts too. Used by every emulator test and the drift tests.
import { createResponseValidator, formatViolation } from "../../spec/conformance.ts";
import { loadBundle, operations } from "../../spec/openapi.ts";
import { createSchemaValidator } from "../../spec/schema-validator.ts";

export const bundle = loadBundle();
export const schemaValidator = createSchemaValidator(bundle);
const validator = createResponseValidator(bundle);
const byRoute = new Map(operations(bundle).map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation.operationId]));

export interface WireResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

export function conformanceProblems(method: string, path: string, response: WireResponse): string[] {
  const operationId = byRoute.get(`${method} ${path}`);
  if (!operationId) return [`${method} ${path} is not an operation of the spec`];
  const observed = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: response.body === undefined ? "" : JSON.stringify(response.body),
  };
  return validator.validate(operationId, observed).map(formatViolation);
}
