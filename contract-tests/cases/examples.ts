// Example replay: every request example in the spec becomes a case.
import { isObject, operations, type OpenApiDocument } from "../../spec/openapi.ts";
import { exampleRequests, type Bindings, type RequestTemplate } from "./requests.ts";

export interface ExampleCase {
  name: string;
  operationId: string;
  template: RequestTemplate;
}

export function exampleCases(spec: OpenApiDocument, bindings: Bindings = {}): ExampleCase[] {
  return operations(spec).flatMap((operation) =>
    exampleRequests(spec, operation, bindings).map(({ name, template }) => ({
      name: name === "parameters" ? `${operation.operationId} with its parameter examples` : `${operation.operationId} example "${name}"`,
      operationId: operation.operationId,
      template,
    })),
  );
}

/** The one 2xx or 3xx status the operation documents: what the mock must answer an example with. */
export function successStatus(spec: OpenApiDocument, operationId: string): number {
  const operation = operations(spec).find((candidate) => candidate.operationId === operationId);
  const documented = operation && isObject(operation.node.responses) ? operation.node.responses : {};
  const status = Object.keys(documented).find((key) => /^[23]\d\d$/.test(key));
  if (!status) throw new Error(`${operationId} documents no success status`);
  return Number(status);
}
