// One contract run: open the target, replay the spec's examples, walk the Arazzo journeys, send the
// negative cases, and close the target. Every request goes through one HTTP client, and every
// response through one validator.
import { isObject, loadBundle, operations, type Json, type JsonObject, type OpenApiDocument, parseJson } from "../spec/openapi.ts";
import { loadWorkflowFiles, type WorkflowFile } from "./arazzo/document.ts";
import { runWorkflow, type WorkflowDeps, type WorkflowTarget } from "./arazzo/interpreter.ts";
import { trackCreations, type CleanupTracker } from "./cleanup.ts";
import { exampleCases, successStatus, type ExampleCase } from "./cases/examples.ts";
import { negativeCases, type NegativeCase } from "./cases/negatives.ts";
import { exampleSelections, provocations, withFields, type Provocation } from "./cases/provocations.ts";
import type { Verdict } from "./probes/checks.ts";
import { runProbes, type ProbeResult } from "./probes/run.ts";
import { parametersOf, toApiRequest, type Bindings, type RequestTemplate } from "./cases/requests.ts";
import { EMULATOR_THROTTLED_KEY, secretsOf, type ContractConfig, type TargetKind } from "./config.ts";
import { createHttpClient, RequestRefused, type Exchange, type HttpClient } from "./http-client.ts";
import { coverageOf, loadAllowList, type Coverage } from "./report/coverage.ts";
import { createResponseValidator, type ObservedResponse, type Violation } from "../spec/conformance.ts";
import { checked, errorCodeOf, skipped, type CheckResult } from "./results.ts";
import { openTarget, type StartEmulator, type Target } from "./targets.ts";

export interface SuiteOptions {
  config: ContractConfig;
  spec?: OpenApiDocument;
  workflows?: WorkflowFile[];
  sleep?: (ms: number) => Promise<void>;
  /** Starts the emulator target; by default the emulator's own startEmulator(). */
  startEmulator?: StartEmulator;
}

export interface SuiteRun {
  target: { kind: TargetKind; baseUrl: string };
  results: CheckResult[];
  exchanges: readonly Exchange[];
  seconds: number;
  coverage: Coverage;
  /** With --probe: the verdict on each claim of the ledger. */
  probes?: ProbeResult[];
}

const MOCK_MALFORMED_JSON =
  "Prism answers malformed JSON with its own body ({error:{code,message}}, no type, no request_id) before it reads the spec; the emulator and live are checked";
const MOCK_CANNED_ERRORS = "error.code and error.param of the negative cases are not checked on the mock, which answers every bad request with a canned example";
const MOCK_SELECTED_ERRORS =
  "each documented error response is the example a request names (Prefer: code=…, example=…): on the mock it is selected and checked against the bundle, not provoked";
/** Webhook URLs that receive nothing: a reserved domain for live, a closed loopback port otherwise. */
const SILENT_WEBHOOK_URL = { live: "https://example.invalid/messages-dev-contract-tests", local: "http://127.0.0.1:9/messages-dev-contract-tests" };

/** Everything a check needs: the workflows' dependencies, plus the key the derived cases send. */
interface RunContext extends WorkflowDeps {
  target: Target & WorkflowTarget;
  apiKey: string;
  /** What live said to the negative cases that rest on an unconfirmed claim, by claim id. */
  claimVerdicts: Map<string, Verdict>;
}

/** Nothing to clean up on the mock: it creates nothing. */
const NO_CLEANUP = (client: HttpClient): CleanupTracker => ({ client, flush: async () => [] });

export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  const started = performance.now();
  const { config } = options;
  const spec = options.spec ?? loadBundle();
  const files = options.workflows ?? loadWorkflowFiles();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const target = await openTarget(config, spec, options.startEmulator);
  const http = createHttpClient({ baseUrl: target.baseUrl, readOnly: !config.allowWrites, maxRequests: config.maxRequests, secrets: secretsOf(config), sleep });
  const validator = createResponseValidator(spec);
  const cleanup = target.canned ? NO_CLEANUP(http) : trackCreations(http, spec, validator, config.apiKey);
  const results: CheckResult[] = [];
  let probes: ProbeResult[] | undefined;
  try {
    const webhookUrl = config.webhookUrl ?? (target.kind === "live" ? SILENT_WEBHOOK_URL.live : SILENT_WEBHOOK_URL.local);
    const run: RunContext = {
      spec,
      validator,
      client: cleanup.client,
      target: { ...target, readOnly: !config.allowWrites },
      apiKey: config.apiKey,
      inputs: {
        api_key: config.apiKey,
        throttled_api_key: target.simulation ? EMULATOR_THROTTLED_KEY : undefined,
        from: config.from ?? parameterExample(spec, "from"), to: config.to ?? parameterExample(spec, "to"), webhook_url: webhookUrl },
      sleep,
      claimVerdicts: new Map(),
    };
    const bindings = bindingsFor(config, target, webhookUrl);
    // Each check deletes what it created before the next one starts.
    const record = async (checks: CheckResult[]) => results.push(...checks, ...(await cleanup.flush()));
    for (const example of exampleCases(spec, bindings)) await record([await replayExample(run, example)]);
    for (const file of files) {
      for (const workflow of file.document.workflows) await record(await runWorkflow(file, workflow, run));
    }
    for (const negative of negativeCases(spec, bindings)) await record([await sendNegative(run, negative)]);
    const cases = target.canned ? exampleSelections(spec) : provocations(spec, bindings);
    for (const provocation of cases) await record([await provoke(run, provocation)]);
    if (config.probe) {
      const context = { client: cleanup.client, apiKey: config.apiKey, from: String(run.inputs.from), to: String(run.inputs.to) };
      probes = await runProbes(spec, context, { writesAllowed: config.allowWrites, simulation: target.simulation, negativeVerdicts: run.claimVerdicts });
    }
  } finally {
    // A run cut short still deletes what it created, if the target answers.
    await cleanup.flush().catch(() => []);
    await target.close();
  }
  return {
    target: { kind: target.kind, baseUrl: target.baseUrl },
    results,
    exchanges: http.exchanges,
    seconds: (performance.now() - started) / 1000,
    coverage: coverageOf(spec, results, target.kind === "emulator" ? loadAllowList() : []),
    ...(probes && { probes }),
  };
}

/**
 * What replaces the spec's example values: on live, the line and recipient the user named, so a
 * write never reaches anyone else; everywhere but the mock, a webhook URL that receives nothing.
 */
function bindingsFor(config: ContractConfig, target: Target, webhookUrl: string): Bindings {
  if (target.canned) return {};
  const live = target.kind === "live" ? { ...(config.from && { from: config.from }), ...(config.to && { to: config.to }) } : {};
  return { ...live, url: webhookUrl };
}

function parameterExample(spec: OpenApiDocument, name: string): Json | undefined {
  for (const operation of operations(spec)) {
    const parameter = parametersOf(spec, operation).find((candidate) => candidate.name === name && candidate.example !== undefined);
    if (parameter) return parameter.example;
  }
  return undefined;
}

/** Sends one request and validates the answer; a refused request becomes a skipped check. */
async function exchange(
  run: RunContext,
  label: Pick<CheckResult, "scenario" | "name" | "operationId" | "aim">,
  template: RequestTemplate,
  expectations: (response: ObservedResponse) => { violations: Violation[]; notes?: string[] },
  apiKey = run.apiKey,
): Promise<CheckResult> {
  try {
    const response = await run.client.send(toApiRequest(template, apiKey), label.name, { expect429: label.aim?.status === 429 });
    const { violations, notes } = expectations(response);
    return checked(label, response.status, [...run.validator.validate(label.operationId, response), ...violations], notes, errorCodeOf(response.text));
  } catch (error) {
    if (error instanceof RequestRefused) return skipped(label, error.message);
    throw error;
  }
}

const expectation = (operationId: string, status: number, pointer: string, expected: string, actual: string): Violation => ({
  operationId,
  status,
  rule: "expectation",
  pointer,
  expected,
  actual,
});

async function replayExample(run: RunContext, example: ExampleCase): Promise<CheckResult> {
  const label = { scenario: "examples" as const, name: example.name, operationId: example.operationId };
  // The mock has every example's resources; elsewhere they may not exist, and any documented answer conforms.
  const success = successStatus(run.spec, example.operationId);
  return exchange(run, label, example.template, ({ status }) => ({
    violations: run.target.canned && status !== success ? [expectation(example.operationId, status, "/status", String(success), String(status))] : [],
  }));
}

/**
 * Against live, a negative case that rests on an unconfirmed constraint is a probe of that claim:
 * what the API answers is recorded as the claim's verdict, never as a failure of the run.
 */
function probing(run: RunContext, negative: NegativeCase, check: (response: ObservedResponse) => { violations: Violation[]; notes?: string[] }) {
  if (run.target.kind !== "live" || negative.claims.length === 0) return check;
  return (response: ObservedResponse) => {
    const { violations } = check(response);
    const observed = `${negative.name} → ${response.status} ${response.text.slice(0, 300)}`;
    const verdict: Verdict = { outcome: violations.length === 0 ? "confirmed" : "refuted", observed };
    // One refusal that differs refutes the claim, whatever its other cases show.
    for (const id of negative.claims) if (run.claimVerdicts.get(id)?.outcome !== "refuted") run.claimVerdicts.set(id, verdict);
    return { violations: [], notes: [`a negative case resting on an unconfirmed claim (${negative.claims.join(", ")}) is a probe against live, reported with --probe`] };
  };
}

async function sendNegative(run: RunContext, negative: NegativeCase): Promise<CheckResult> {
  const label = { scenario: "negatives" as const, name: negative.name, operationId: negative.operationId, aim: negative.expect };
  if (run.target.canned && negative.kind === "malformed-json") return skipped(label, MOCK_MALFORMED_JSON);
  const { expect: wanted, operationId } = negative;
  return exchange(run, label, negative.template, probing(run, negative, ({ status, text }) => {
    if (status < 400 || status >= 500) {
      return { violations: [expectation(operationId, status, "/status", `a 4xx refusal (${wanted.status} ${wanted.code})`, String(status))] };
    }
    if (run.target.canned) return { violations: [], notes: [MOCK_CANNED_ERRORS] };
    const error = errorOf(text);
    const violations: Violation[] = [];
    if (status !== wanted.status) violations.push(expectation(operationId, status, "/status", String(wanted.status), String(status)));
    if (error?.code !== wanted.code) violations.push(expectation(operationId, status, "/body/error/code", wanted.code, String(error?.code)));
    if (wanted.param && error?.param !== wanted.param) {
      violations.push(expectation(operationId, status, "/body/error/param", wanted.param, String(error?.param)));
    }
    return { violations };
  }));
}

function errorOf(text: string): JsonObject | undefined {
  const body = parseJson(text);
  return isObject(body) && isObject(body.error) ? body.error : undefined;
}

/**
 * Stages what the case needs (simulation calls, API calls), fills the request from their answers,
 * and expects the documented status and error code the case aims at.
 */
async function provoke(run: RunContext, provocation: Provocation): Promise<CheckResult> {
  const { operationId, aim } = provocation;
  const label = { scenario: "provocations" as const, name: provocation.name, operationId, aim };
  if (provocation.emulatorOnly && !run.target.simulation) return skipped(label, `emulator-only: ${provocation.emulatorOnly}`);
  const answers: Json[] = [];
  for (const call of provocation.setup) {
    const request = "api" in call
      ? toApiRequest(call.api, run.apiKey)
      : { method: "POST" as const, path: call.simulation, headers: { "content-type": "application/json" }, body: JSON.stringify(call.payload) };
    try {
      const response = await run.client.send(request, `${provocation.name} (setup ${request.method} ${request.path})`);
      if (response.status >= 300) {
        return checked(label, response.status, [expectation(operationId, response.status, "/status", `a 2xx from the setup call ${request.method} ${request.path}`, response.text.slice(0, 200))]);
      }
      answers.push(parseJson(response.text) ?? null);
    } catch (error) {
      if (error instanceof RequestRefused) return skipped(label, error.message);
      throw error;
    }
  }
  const bound = Object.fromEntries(Object.entries(provocation.bind).map(([field, { call, property }]) => {
    const answer = answers[call];
    const value = isObject(answer) ? (answer[property] ?? null) : null;
    const current = provocation.template.query[field] ?? (isObject(provocation.template.body?.value) ? provocation.template.body.value[field] : undefined);
    return [field, Array.isArray(current) ? [value] : value];
  }));
  return exchange(run, label, withFields(provocation.template, bound), ({ status, text }) => {
    const violations: Violation[] = [];
    const notes = run.target.canned ? [MOCK_SELECTED_ERRORS] : [];
    if (status !== aim.status) violations.push(expectation(operationId, status, "/status", String(aim.status), String(status)));
    const code = errorCodeOf(text);
    if (aim.code !== undefined && code !== aim.code) violations.push(expectation(operationId, status, "/body/error/code", String(aim.code), String(code)));
    return { violations, notes };
  }, provocation.key);
}
