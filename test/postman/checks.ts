// What a newman run of the collection must show: every API request got its operation's success
// status and a body the bundle accepts, and every webhook event reached the receiver signed so
// that the toolkit's own verifier accepts it. Returns the problems, one line each.
import type { Execution, Summary } from "newman";
import { createResponseValidator, formatViolation } from "../../spec/conformance.ts";
import { verifyWebhook } from "../../src/webhooks.ts";
import { isObject, loadBundle, operations, parseJson } from "../../spec/openapi.ts";
import { successResponse } from "../../spec/request-examples.ts";
import type { Collection } from "../../scripts/lib/postman/format.ts";
import type { RecordedRequest } from "../clients/support/server.ts";

const spec = loadBundle();
const validator = createResponseValidator(spec);

/** The operation a request was sent to, by method and path (the spec's paths have no parameters). */
function operationOf(execution: Execution) {
  const path = `/${execution.request.url.getPath().replace(/^\//, "")}`;
  return operations(spec).find((operation) => operation.method.toUpperCase() === execution.request.method && operation.path === path);
}

export function apiExecutions(summary: Summary): Execution[] {
  return summary.run.executions.filter((execution) => operationOf(execution) !== undefined);
}

/** The API requests that got their operation's success status. */
export function successfulRequests(summary: Summary): string[] {
  return apiExecutions(summary)
    .filter((execution) => execution.response?.code === Number(successResponse(spec, operationOf(execution)!).status))
    .map((execution) => execution.item.name);
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

/** Collection items that keep the `id` they create in a variable, by item id: the variable's name. */
function keptVariables(collection: Collection): Map<string, string> {
  const kept = new Map<string, string>();
  for (const item of collection.item.flatMap((folder) => folder.item)) {
    const script = (item.event ?? []).flatMap((event) => event.script.exec).join("\n");
    const key = /pm\.collectionVariables\.set\("(\w+)"/.exec(script)?.[1];
    if (key) kept.set(item.id, key);
  }
  return kept;
}

/**
 * Requests that create what a variable names must answer its `id`, and the requests after them
 * that use the variable must send that `id`. Answers the problems and how many uses were checked.
 */
export function chainProblems(summary: Summary, collection: Collection): { problems: string[]; checked: number } {
  const kept = keptVariables(collection);
  const sources = new Map(collection.item.flatMap((folder) => folder.item).map((item) => [item.id, JSON.stringify(item.request)]));
  const problems: string[] = [];
  let checked = 0;
  summary.run.executions.forEach((execution, index) => {
    const key = kept.get(execution.item.id);
    if (!key) return;
    const body = parseJson(execution.response?.stream?.toString("utf8") ?? "");
    const id = isObject(body) && typeof body.id === "string" ? body.id : undefined;
    if (!id) return void problems.push(`${execution.item.name}: created no {{${key}}} (got ${execution.response?.code ?? "no response"})`);
    for (const later of summary.run.executions.slice(index + 1)) {
      if (!sources.get(later.item.id)?.includes(`{{${key}}}`)) continue;
      checked++;
      const sent = `${later.request.url.toString()} ${later.request.body?.raw ?? ""}`;
      if (!sent.includes(id)) problems.push(`${later.item.name}: did not send the ${key} ${id} that ${execution.item.name} created`);
    }
  });
  return { problems, checked };
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
