import { describe, expect, it } from "vitest";
import { WORKFLOWS_DIR, type ArazzoDocument, type Step } from "../../contract-tests/arazzo/document.ts";
import { runWorkflow, type WorkflowTarget } from "../../contract-tests/arazzo/interpreter.ts";
import { RequestRefused, type ApiRequest, type HttpClient } from "../../contract-tests/http-client.ts";
import { createResponseValidator, type ObservedResponse } from "../../spec/conformance.ts";
import { loadBundle, type JsonObject } from "../../spec/openapi.ts";

const spec = loadBundle();
const examples = (spec.components as JsonObject).examples as Record<string, { value: JsonObject }>;
const json = (status: number, body: unknown): ObservedResponse => ({ status, headers: { "content-type": "application/json" }, text: JSON.stringify(body) });

/** What the fake target answers, by "METHOD /path"; the spec's own examples by default. */
const ANSWERS: Record<string, () => ObservedResponse> = {
  "GET /v1/lines": () => json(200, examples.line_list!.value),
  "POST /v1/webhooks": () => json(201, examples.webhook_created!.value),
  "GET /v1/webhooks": () => json(200, examples.webhook_list!.value),
  "DELETE /v1/webhooks": () => json(200, examples.webhook_deleted!.value),
  "GET /v1/outbox": () => json(200, examples.outbox_item_sent!.value),
  "POST /_emulator/inbound/messages": () => json(201, {}),
};

function fakeClient(overrides: Record<string, (request: ApiRequest) => ObservedResponse> = {}, readOnly = false) {
  const log: ApiRequest[] = [];
  const client: HttpClient = {
    exchanges: [],
    async send(request) {
      if (readOnly && request.method !== "GET") throw new RequestRefused("writes are off");
      log.push(request);
      const key = `${request.method} ${request.path}`;
      const answer = overrides[key] ?? ANSWERS[key];
      if (!answer) throw new Error(`The fake has no answer for ${key}`);
      return answer(request);
    },
  };
  return { client, log };
}

const document = (steps: Step[]): ArazzoDocument => ({
  arazzo: "1.0.1",
  sourceDescriptions: [{ name: "messages", url: "../../generated/openapi.json", type: "openapi" }],
  components: { parameters: { apiKey: { name: "Authorization", in: "header", value: "Bearer {$inputs.api_key}" } } },
  workflows: [{ workflowId: "journey", steps }],
});

const target = (overrides: Partial<WorkflowTarget> = {}): WorkflowTarget => ({ canned: false, simulation: false, readOnly: false, ...overrides });

async function run(steps: Step[], options: { target?: WorkflowTarget; client?: ReturnType<typeof fakeClient> } = {}) {
  const { client, log } = options.client ?? fakeClient();
  const waits: number[] = [];
  const file = { path: `${WORKFLOWS_DIR}test.arazzo.yaml`, document: document(steps) };
  const results = await runWorkflow(file, file.document.workflows[0]!, {
    spec,
    validator: createResponseValidator(spec),
    client,
    target: options.target ?? target(),
    inputs: { api_key: "sk_live_x", from: "+15551234567", to: "+15559876543", webhook_url: "http://127.0.0.1:9/hook" },
    sleep: async (ms) => void waits.push(ms),
  });
  return { results, log, waits };
}

const auth = { reference: "$components.parameters.apiKey" };
const listLines: Step = { stepId: "lines", operationId: "listLines", parameters: [auth], successCriteria: [{ condition: "$statusCode == 200" }], outputs: { line: "$response.body#/data/0/handle" } };
const listWebhooks: Step = {
  stepId: "webhooks",
  operationId: "listWebhooks",
  parameters: [auth, { name: "from", in: "query", value: "$steps.lines.outputs.line" }],
  successCriteria: [{ condition: "$statusCode == 200" }],
};
const createWebhook: Step = {
  stepId: "create",
  operationId: "createWebhook",
  parameters: [auth],
  requestBody: { contentType: "application/json", payload: { from: "$inputs.from", url: "$inputs.webhook_url", events: ["message.received"] } },
  successCriteria: [{ condition: "$statusCode == 201" }],
  outputs: { webhook: "$response.body#/id" },
};
const deleteWebhook: Step = {
  stepId: "delete",
  operationId: "deleteWebhook",
  parameters: [auth],
  requestBody: { contentType: "application/json", payload: { id: "$steps.create.outputs.webhook" } },
  successCriteria: [{ condition: "$statusCode == 200" }],
};

describe("the Arazzo interpreter", () => {
  it("runs the steps in order, feeding one step's outputs into the next, with the key from the inputs", async () => {
    const { results, log } = await run([listLines, listWebhooks]);
    expect(results.map((r) => [r.name, r.outcome])).toEqual([["journey › lines", "passed"], ["journey › webhooks", "passed"]]);
    expect(log[1]).toMatchObject({ method: "GET", path: "/v1/webhooks", query: { from: "+15551234567" }, headers: { Authorization: "Bearer sk_live_x" } });
  });

  it("fails a step whose criterion does not hold, naming the condition and what came back", async () => {
    const { results } = await run([{ ...listLines, successCriteria: [{ condition: "$response.body#/data/0/label == 'Sales'" }] }]);
    expect(results[0]).toMatchObject({ outcome: "failed", violations: [{ rule: "expectation", pointer: "/body/data/0/label", expected: "$response.body#/data/0/label == 'Sales'", actual: '"Support"' }] });
  });

  it("fails a step whose answer breaks the spec, even when its criteria hold", async () => {
    const client = fakeClient({ "GET /v1/lines": () => json(200, { data: [], request_id: "req_1" }) });
    const { results } = await run([{ ...listLines, outputs: {} }], { client });
    expect(results[0]).toMatchObject({ outcome: "failed", violations: [{ rule: "body", pointer: "/body/has_more" }, { rule: "body", pointer: "/body/next_cursor" }] });
  });

  it("skips the steps after a failed one", async () => {
    const { results } = await run([{ ...listLines, successCriteria: [{ condition: "$statusCode == 500" }] }, listWebhooks]);
    expect(results[1]).toMatchObject({ outcome: "skipped", reason: "an earlier step of this journey failed" });
  });

  it("skips a step that needs an output an earlier step did not give, naming it", async () => {
    const client = fakeClient({ "GET /v1/lines": () => json(200, { ...examples.line_list!.value, data: [] }) });
    const { results, log } = await run([listLines, listWebhooks], { client });
    expect(results[1]).toMatchObject({ outcome: "skipped", reason: "needs $steps.lines.outputs.line, which an earlier step did not provide" });
    expect(log).toHaveLength(1);
  });

  it("skips on the mock the steps marked x-skip-on-mock, with the reason, and runs them elsewhere", async () => {
    const stateful: Step = { ...listWebhooks, "x-skip-on-mock": "lists canned webhooks" };
    const onMock = await run([listLines, stateful], { target: target({ canned: true }) });
    expect(onMock.results[1]).toMatchObject({ outcome: "skipped", reason: "the mock lists canned webhooks" });
    const elsewhere = await run([listLines, stateful]);
    expect(elsewhere.results[1]!.outcome).toBe("passed");
  });

  it("leaves unchecked on the mock the criteria marked x-skip-on-mock, and says so", async () => {
    const canned: Step = { ...listLines, successCriteria: [{ condition: "$response.body#/data/0/label == 'Sales'", "x-skip-on-mock": "answers with a canned line" }] };
    const onMock = await run([canned], { target: target({ canned: true }) });
    expect(onMock.results[0]).toMatchObject({ outcome: "passed", notes: [expect.stringContaining("not checked on the mock, which answers with a canned line")] });
    expect((await run([canned])).results[0]!.outcome).toBe("failed");
  });

  it("makes the emulator's setup calls before the step, on the emulator only", async () => {
    const seeded: Step = { ...listWebhooks, "x-emulator-setup": [{ path: "/_emulator/inbound/messages", payload: { line: "$steps.lines.outputs.line", from: "$inputs.to" } }] };
    const onEmulator = await run([listLines, seeded], { target: target({ simulation: true }) });
    expect(onEmulator.log.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/lines", "POST /_emulator/inbound/messages", "GET /v1/webhooks"]);
    expect(JSON.parse(String(onEmulator.log[1]!.body))).toEqual({ line: "+15551234567", from: "+15559876543" });
    const elsewhere = await run([listLines, seeded]);
    expect(elsewhere.log.map((r) => r.path)).toEqual(["/v1/lines", "/v1/webhooks"]);
  });

  it("fails the step when an emulator setup call fails, naming the call", async () => {
    const client = fakeClient({ "POST /_emulator/inbound/messages": () => json(404, { error: "no such line" }) });
    const seeded: Step = { ...listLines, "x-emulator-setup": [{ path: "/_emulator/inbound/messages" }] };
    const { results } = await run([seeded], { target: target({ simulation: true }), client });
    expect(results[0]).toMatchObject({ outcome: "failed", violations: [{ expected: "a 2xx from the emulator's setup call POST /_emulator/inbound/messages" }] });
  });

  it("retries a step with a retry action after retryAfter seconds, until its criteria hold", async () => {
    const statuses = ["pending", "claimed", "sent"];
    const client = fakeClient({ "GET /v1/outbox": () => json(200, { ...examples.outbox_item_sent!.value, status: statuses.shift() }) });
    const poll: Step = {
      stepId: "poll",
      operationId: "getOutboxItem",
      parameters: [auth, { name: "id", in: "query", value: "obx_1" }],
      successCriteria: [{ condition: "$response.body#/status == 'sent'" }],
      onFailure: [{ name: "again", type: "retry", retryAfter: 2, retryLimit: 5, criteria: [{ condition: "$statusCode == 200" }] }],
    };
    const { results, waits } = await run([poll], { client });
    expect(results[0]!.outcome).toBe("passed");
    expect(waits).toEqual([2000, 2000]);
  });

  it("gives up retrying after retryLimit and fails the step", async () => {
    const client = fakeClient({ "GET /v1/outbox": () => json(200, { ...examples.outbox_item_sent!.value, status: "pending" }) });
    const poll: Step = {
      stepId: "poll",
      operationId: "getOutboxItem",
      parameters: [auth, { name: "id", in: "query", value: "obx_1" }],
      successCriteria: [{ condition: "$response.body#/status == 'sent'" }],
      onFailure: [{ name: "again", type: "retry", retryAfter: 1, retryLimit: 2 }],
    };
    const { results, waits } = await run([poll], { client });
    expect(results[0]).toMatchObject({ outcome: "failed", violations: [{ actual: '"pending"' }] });
    expect(waits).toEqual([1000, 1000]);
  });

  it("skips a whole journey that writes when the target is read-only, and runs a read-only one", async () => {
    const readOnly = target({ readOnly: true });
    const writing = await run([listLines, createWebhook, deleteWebhook], { target: readOnly, client: fakeClient({}, true) });
    expect(writing.log).toEqual([]);
    expect(writing.results.every((r) => r.outcome === "skipped" && r.reason?.startsWith("this journey writes"))).toBe(true);
    const reading = await run([listLines, listWebhooks], { target: readOnly, client: fakeClient({}, true) });
    expect(reading.results.map((r) => r.outcome)).toEqual(["passed", "passed"]);
  });

  it("sends a $file payload as the file's raw bytes", async () => {
    const client = fakeClient({ "POST /v1/files": () => json(201, examples.file_uploaded!.value) });
    const upload: Step = {
      stepId: "upload",
      operationId: "uploadFile",
      parameters: [auth],
      requestBody: { contentType: "application/octet-stream", payload: "$file('./fixtures/photo.jpg')" },
    };
    const { log } = await run([upload], { client });
    const body = log[0]!.body as Uint8Array;
    expect([...body.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(log[0]!.headers).toMatchObject({ "content-type": "application/octet-stream" });
  });
});
