// The API's errors as the spec documents them: every error example of every operation, and the
// catalogue of codes they add up to. The one walk over error examples; nothing else repeats it.
import { isObject, namedExamples, operations, responses, type OpenApiDocument, type Operation } from "./openapi.ts";

export interface ErrorExample {
  operation: Operation;
  /** The response's status, as the spec keys it (`"404"`). */
  status: string;
  /** The example's name. */
  name: string;
  code: string;
  type: string;
  message: string;
}

/** The error examples of one operation, or of every operation. */
export function errorExamples(spec: OpenApiDocument, only?: Operation): ErrorExample[] {
  return (only ? [only] : operations(spec)).flatMap((operation) =>
    responses(spec, operation).flatMap(({ status, json }) =>
      namedExamples(spec, json).flatMap(({ name, value }) => {
        const error = isObject(value) && isObject(value.error) ? value.error : undefined;
        return error ? [{ operation, status, name, code: String(error.code), type: String(error.type), message: String(error.message) }] : [];
      }),
    ),
  );
}

export interface ErrorCode {
  status: number;
  type: string;
  message: string;
  /** The operations that document it, in spec order. */
  operationIds: string[];
}

/** Each error code once, with the one status and type the spec gives it everywhere. */
export function errorCatalogue(spec: OpenApiDocument): Map<string, ErrorCode> {
  const catalogue = new Map<string, ErrorCode>();
  for (const { operation, status, code, type, message } of errorExamples(spec)) {
    const known = catalogue.get(code);
    if (!known) {
      catalogue.set(code, { status: Number(status), type, message, operationIds: [operation.operationId] });
      continue;
    }
    if (known.status !== Number(status) || known.type !== type) {
      throw new Error(`The spec gives ${code} two statuses or types: ${known.status} ${known.type} and ${status} ${type}`);
    }
    if (!known.operationIds.includes(operation.operationId)) known.operationIds.push(operation.operationId);
  }
  return catalogue;
}
