// What a newman run of the collection must show: every API request got its operation's success
// status and a body the bundle accepts, and every webhook event reached the receiver signed so
// that the toolkit's own verifier accepts it. Returns the problems, one line each.
import type { Execution, Summary } from "newman";
import { createResponseValidator, formatViolation } from "../../contract-tests/response-validator.ts";
import { verifyWebhook } from "../../src/webhooks.ts";
import { loadBundle, operations } from "../../scripts/lib/openapi.ts";
import { successResponse } from "../../scripts/lib/request-examples.ts";
import type { RecordedRequest } from "../clients/support/server.ts";

const spec = loadBundle();
const validator = createResponseValidator(spec);

/** The operation a request was sent to, by method and path (the spec's paths have no parameters). */
export function operationOf(execution: Execution) {
  const path = `/${execution.request.url.getPath().replace(/^\//, "")}`;
  return operations(spec).find((operation) => operation.method.toUpperCase() === execution.request.method && operation.path === path);
}

export function apiExecutions(summary: Summary): Execution[] {
  return summary.run.executions.filter((execution) => operationOf(execution) !== undefined);
}

export function requestProblems(summary: Summary): string[] {
  const problems: string[] = [];
  for (const execution of apiExecutions(summary)) {
    const operation = operationOf(execution)!;
    const { response } = execution;
    if (!response) {
      problems.push(`${execution.item.name}: no response`);
      continue;
    }
    const expected = Number(successResponse(spec, operation).status);
    if (response.code !== expected) problems.push(`${execution.item.name}: expected ${expected}, got ${response.code}`);
    const headers = Object.fromEntries(response.headers.all().map(({ key, value }) => [key.toLowerCase(), value]));
    const observed = { status: response.code, headers, text: response.stream?.toString("utf8") ?? "" };
    problems.push(...validator.validate(operation.operationId, observed).map((violation) => `${execution.item.name}: ${formatViolation(violation)}`));
  }
  problems.push(...summary.run.failures.map((failure) => `${failure.source?.name ?? "newman"}: ${failure.error.message}`));
  return problems;
}

export async function deliveryProblems(deliveries: RecordedRequest[], secret: string): Promise<string[]> {
  const problems: string[] = [];
  for (const delivery of deliveries) {
    await verifyWebhook(delivery.body, delivery.headers as Record<string, string>, secret).catch((error: Error) =>
      problems.push(`${delivery.url.pathname} delivery: ${error.message}`),
    );
  }
  return problems;
}
