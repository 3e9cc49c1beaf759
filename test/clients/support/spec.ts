// The spec's own examples, for tests that need a realistic answer.
import { deref, isObject, loadBundle, namedExamples, operations, responses, type Json, type JsonObject } from "../../../spec/openapi.ts";

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

/** The first example delivery of the webhook `event`. */
export function deliveryExample(event: string): JsonObject {
  const post = (spec.webhooks as Record<string, JsonObject>)[event]?.post as JsonObject | undefined;
  const body = deref(spec, post?.requestBody) as JsonObject | undefined;
  const value = namedExamples(spec, (body?.content as JsonObject | undefined)?.["application/json"])[0]?.value;
  if (!isObject(value)) throw new Error(`No example delivery of ${event}`);
  return value;
}
