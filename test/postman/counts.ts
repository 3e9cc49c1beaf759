// What the collection must hold, counted from the bundle itself rather than by the builder's code.
import { deref, isObject, namedExamples, operations, responses, type OpenApiDocument } from "../../spec/openapi.ts";

/** Named examples of each media type of a request body, e.g. sendMessage's `reply`, `photo`, `group`. */
function bodyExampleNames(spec: OpenApiDocument, requestBody: unknown): string[] {
  const body = deref(spec, requestBody as never);
  return isObject(body) && isObject(body.content) ? Object.values(body.content).flatMap((media) => namedExamples(spec, media).map((e) => e.name)) : [];
}

/** The request examples: each named request body example, and one for each operation without a body. */
export function requestExampleCount(spec: OpenApiDocument): number {
  return operations(spec).reduce((sum, operation) => sum + Math.max(1, bodyExampleNames(spec, operation.node.requestBody).length), 0);
}

export function webhookExampleCount(spec: OpenApiDocument): number {
  const webhooks = isObject(spec.webhooks) ? Object.values(spec.webhooks) : [];
  return webhooks.reduce<number>((sum, item) => sum + (isObject(item) && isObject(item.post) ? bodyExampleNames(spec, item.post.requestBody).length : 0), 0);
}

/** `operationId.status.name` of every named response example. */
export function responseExampleIds(spec: OpenApiDocument): string[] {
  return operations(spec).flatMap((operation) =>
    responses(spec, operation).flatMap(({ status, response }) =>
      Object.values(isObject(response.content) ? response.content : {}).flatMap((media) => namedExamples(spec, media).map((e) => `${operation.operationId}.${status}.${e.name}`)),
    ),
  );
}
