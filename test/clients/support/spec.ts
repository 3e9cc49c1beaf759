// The spec's own examples, for tests that need a realistic answer.
import { isObject, loadBundle, namedExamples, operations, responses, type Json } from "../../../scripts/lib/openapi.ts";

export const spec = loadBundle();

/** The first named example of `operationId`'s response `status`. */
export function example(operationId: string, status: string): Json | undefined {
  const operation = operations(spec).find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`No operation ${operationId}`);
  const response = responses(spec, operation).find((candidate) => candidate.status === status);
  return namedExamples(spec, response?.json)[0]?.value;
}

/** An error envelope the spec documents for `status`, from the first operation that has one. */
export function errorExample(status: string): Json {
  for (const operation of operations(spec)) {
    const value = example(operation.operationId, status);
    if (isObject(value) && isObject(value.error)) return value;
  }
  throw new Error(`The spec documents no ${status} error`);
}
