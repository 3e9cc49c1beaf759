// Runs the Arazzo workflows against a target through the suite's HTTP client, so every step gets
// the same safety rules, cleanup, HAR record and response validation as the other scenarios. On
// top of Arazzo it honours three extensions: `x-skip-on-mock` (a step or criterion the stateless mock
// cannot answer), `x-emulator-setup` (simulation calls made first, on the emulator only) and
// `x-emulator-only` (a journey no other target can run safely).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { operations, type Json, type OpenApiDocument, parseJson } from "../../spec/openapi.ts";
import { RequestRefused, type ApiRequest, type HttpClient } from "../http-client.ts";
import type { ObservedResponse, ResponseValidator, Violation } from "../../spec/conformance.ts";
import { checked, errorCodeOf, skipped, type CheckResult } from "../results.ts";
import { stepParameters, type Step, type Workflow, type WorkflowFile } from "./document.ts";
import { checkCriterion, resolveValue, UnresolvedExpression, type ExpressionContext, type ResponseContext } from "./expressions.ts";

export interface WorkflowTarget {
  /** The stateless mock: skips `x-skip-on-mock` steps and criteria. */
  canned: boolean;
  /** The emulator: runs `x-emulator-setup` calls. */
  simulation: boolean;
  /** Live without the write opt-in: journeys that write are skipped whole. */
  readOnly: boolean;
}

export interface WorkflowDeps {
  spec: OpenApiDocument;
  validator: ResponseValidator;
  client: HttpClient;
  target: WorkflowTarget;
  inputs: Record<string, Json | undefined>;
  sleep: (ms: number) => Promise<void>;
}

const WRITES_OFF = "this journey writes, and writes are off against live (CONTRACT_ALLOW_WRITES=1 with CONTRACT_FROM and CONTRACT_TO turns them on)";

export async function runWorkflow(file: WorkflowFile, workflow: Workflow, deps: WorkflowDeps): Promise<CheckResult[]> {
  const byId = new Map(operations(deps.spec).map((operation) => [operation.operationId, operation]));
  const label = (step: Step) => ({ scenario: "workflows" as const, name: `${workflow.workflowId} › ${step.stepId}`, operationId: step.operationId });
  const writes = workflow.steps.some((step) => byId.get(step.operationId)?.method !== "get");
  if (deps.target.readOnly && writes) return workflow.steps.map((step) => skipped(label(step), WRITES_OFF));
  const emulatorOnly = workflow["x-emulator-only"];
  if (emulatorOnly && !deps.target.simulation) return workflow.steps.map((step) => skipped(label(step), `runs on the emulator only: ${emulatorOnly}`));

  const context: ExpressionContext = { inputs: deps.inputs, steps: {} };
  const results: CheckResult[] = [];
  for (const step of workflow.steps) {
    const failed = results.some((result) => result.outcome === "failed");
    results.push(failed ? skipped(label(step), "an earlier step of this journey failed") : await runStep(file, step, label(step), context, deps));
  }
  return results;
}

type Label = Pick<CheckResult, "scenario" | "name" | "operationId">;

async function runStep(file: WorkflowFile, step: Step, label: Label, context: ExpressionContext, deps: WorkflowDeps): Promise<CheckResult> {
  const { target, client, validator } = deps;
  if (target.canned && step["x-skip-on-mock"]) return skipped(label, `the mock ${step["x-skip-on-mock"]}`);
  let request: ApiRequest;
  try {
    request = buildRequest(file, step, context, deps.spec);
  } catch (error) {
    if (error instanceof UnresolvedExpression) return skipped(label, `needs ${error.expression}, which an earlier step did not provide`);
    throw error;
  }
  const retry = step.onFailure?.find((action) => action.type === "retry");
  try {
    for (let attempt = 0; ; attempt++) {
      if (target.simulation) {
        const setupFailure = await runSetup(step, context, client, label.name);
        if (setupFailure) return checked(label, setupFailure.status, [setupFailure]);
      }
      const response = await client.send(request, label.name);
      const current: ExpressionContext = { ...context, response: responseContext(response) };
      const { violations: unmet, notes } = checkSuccessCriteria(step, current, target.canned, label);
      context.steps[step.stepId] = outputsOf(step, current);
      const mayRetry = retry && attempt < (retry.retryLimit ?? 1) && (retry.criteria ?? []).every((c) => checkCriterion(c, current).passed);
      if (unmet.length > 0 && mayRetry) {
        await deps.sleep((retry.retryAfter ?? 1) * 1000);
        continue;
      }
      return checked(label, response.status, [...validator.validate(step.operationId, response), ...unmet], notes, errorCodeOf(response.text));
    }
  } catch (error) {
    if (error instanceof RequestRefused) return skipped(label, error.message);
    throw error;
  }
}

function checkSuccessCriteria(step: Step, context: ExpressionContext, canned: boolean, label: Label) {
  const violations: Violation[] = [];
  const notes: string[] = [];
  const status = context.response?.status ?? 0;
  for (const criterion of step.successCriteria ?? []) {
    if (canned && criterion["x-skip-on-mock"]) {
      notes.push(`${label.name}: \`${criterion.condition}\` is not checked on the mock, which ${criterion["x-skip-on-mock"]}`);
      continue;
    }
    const outcome = checkCriterion(criterion, context);
    if (!outcome.passed) {
      violations.push({ operationId: step.operationId, status, rule: "expectation", pointer: outcome.pointer, expected: criterion.condition, actual: outcome.actual });
    }
  }
  return { violations, notes };
}

/** Runs the step's simulation calls; answers the first one that did not succeed, as a violation. */
async function runSetup(step: Step, context: ExpressionContext, client: HttpClient, name: string): Promise<Violation | undefined> {
  for (const call of step["x-emulator-setup"] ?? []) {
    const payload = resolveValue(call.payload ?? {}, context);
    const request: ApiRequest = { method: "POST", path: call.path, headers: { "content-type": "application/json" }, body: JSON.stringify(payload) };
    const response = await client.send(request, `${name} (emulator setup ${call.path})`);
    if (response.status >= 300) {
      return {
        operationId: step.operationId,
        status: response.status,
        rule: "expectation",
        pointer: "/status",
        expected: `a 2xx from the emulator's setup call POST ${call.path}`,
        actual: `${response.status} ${response.text.slice(0, 200)}`,
      };
    }
  }
  return undefined;
}

function buildRequest(file: WorkflowFile, step: Step, context: ExpressionContext, spec: OpenApiDocument): ApiRequest {
  const operation = operations(spec).find((candidate) => candidate.operationId === step.operationId);
  if (!operation) throw new Error(`${file.path}: step ${step.stepId} names unknown operation ${step.operationId}`);
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of stepParameters(file.document, step)) {
    const value = String(resolveValue(parameter.value, context));
    if (parameter.in === "query") query[parameter.name] = value;
    else headers[parameter.name] = value;
  }
  const request: ApiRequest = { method: operation.method.toUpperCase() as ApiRequest["method"], path: operation.path, query, headers };
  if (!step.requestBody) return request;
  const { contentType, payload } = step.requestBody;
  headers["content-type"] = contentType;
  const attached = typeof payload === "string" ? /^\$file\('(.+)'\)$/.exec(payload)?.[1] : undefined;
  if (attached) return { ...request, body: new Uint8Array(readFileSync(resolve(dirname(file.path), attached))) };
  const value = resolveValue(payload, context);
  return { ...request, body: typeof value === "string" ? value : JSON.stringify(value) };
}

function responseContext(response: ObservedResponse): ResponseContext {
  return { status: response.status, headers: response.headers, text: response.text, body: parseJson(response.text) };
}

function outputsOf(step: Step, context: ExpressionContext): Record<string, Json | undefined> {
  const outputs: Record<string, Json | undefined> = {};
  for (const [name, expression] of Object.entries(step.outputs ?? {})) {
    try {
      outputs[name] = resolveValue(expression, context);
    } catch (error) {
      if (!(error instanceof UnresolvedExpression)) throw error;
    }
  }
  return outputs;
}
