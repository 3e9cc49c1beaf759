// What a frontend developer gets from `npm run mock` (Prism 5.14.2 on the bundle), proven for every
// operation and every declared example. These tests are the evidence behind "Using the mock" in
// openapi/descriptions/overview.md and docs/mock.md.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startMock } from "../../tooling/process/mock-server.ts";
import { deref, loadBundle, operations, responses, type JsonObject, type Operation } from "../../spec/openapi.ts";
import { requestExample, successResponse } from "../../spec/request-examples.ts";
import { closeObjects, createSchemaValidator } from "../../spec/schema-validator.ts";
import { SPARSE_EXAMPLE } from "../../spec/sparse-examples.ts";
import type { ChildService } from "../../tooling/process/service.ts";
import { AUTHORIZATION, declaredExamples, firstExample, sendExample, violations } from "./example-request.ts";

const spec = loadBundle();
const validator = createSchemaValidator(spec);
/** The schemas with every object closed: what they refuse beyond `validator` is a field the spec does not document. */
const closedValidator = createSchemaValidator(closeObjects(spec));
const mockUrl = inject("mockUrl");
const all = operations(spec).map((operation) => [operation.operationId, operation] as const);
const withInput = all.filter(([, operation]) => {
  const { query, body } = requestExample(spec, operation);
  return body !== undefined || Object.keys(query).length > 0;
});
const withJsonBody = all.filter(([, operation]) => requestExample(spec, operation).body?.mediaType === "application/json");

const PROBLEM_JSON = "application/problem+json";

describe("the static mock", () => {
  it.each(all)("answers %s's example request with its success status and first example", async (_, operation) => {
    const response = await sendExample(spec, mockUrl, operation);
    const { status } = successResponse(spec, operation);
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    const example = firstExample(spec, operation, status);
    if (example) expect(await response.json()).toEqual(example.value);
    else expect(response.headers.get("location")).toMatch(/^https:\/\//);
  });

  it.each(all)("refuses %s without a bearer token with its first 401 example", async (_, operation) => {
    for (const authorization of ["", "Basic c2tfbGl2ZV94Og==", "Bearer"]) {
      const response = await sendExample(spec, mockUrl, operation, { headers: { Authorization: authorization } });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(firstExample(spec, operation, "401")!.value);
      expect(violations(response)[0]?.message).toMatch(/security scheme/);
    }
  });

  it.each(withInput)("answers %s without its required input with its first 400 example, the reason only in sl-violations", async (_, operation) => {
    const response = await sendExample(spec, mockUrl, operation, { withoutInput: true });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(firstExample(spec, operation, "400")!.value);
    const reasons = violations(response);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatchObject({ location: expect.arrayContaining(["request"]), severity: "Error", message: expect.any(String) });
    }
  });

  it.each(withJsonBody)("answers %s's malformed JSON with Prism's own body, which is not the API's error envelope", async (_, operation) => {
    const response = await sendExample(spec, mockUrl, operation, { rawBody: "{" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as JsonObject;
    expect(body).toMatchObject({ error: { code: "invalid_json" } });
    expect(validator.validate("#/components/schemas/ErrorResponse", body)).not.toEqual([]);
  });
});

describe("the Prefer header", () => {
  const examples = all.flatMap(([id, operation]) =>
    declaredExamples(spec, operation).map((example) => [id, example.status, example.name, operation, example] as const),
  );

  it.each(examples)("%s: `Prefer: code=%s, example=%s` returns that example", async (_, status, name, operation, example) => {
    const response = await sendExample(spec, mockUrl, operation, { headers: { Prefer: `code=${status}, example=${name}` } });
    expect(response.status).toBe(Number(status));
    expect(await response.json()).toEqual(example.value);
  });

  it.each(all)("%s: `Prefer: code=<status>` returns the first example of that status", async (_, operation) => {
    for (const { status } of responses(spec, operation)) {
      const response = await sendExample(spec, mockUrl, operation, { headers: { Prefer: `code=${status}` } });
      expect(response.status).toBe(Number(status));
      const example = firstExample(spec, operation, status);
      if (example) expect(await response.json()).toEqual(example.value);
    }
  });

  /**
   * What Prism answers when it cannot find the example asked for: its own 404 problem, which looks
   * like an API 404. Where the success response has no body (the 302 of getFile), it answers that.
   */
  async function expectExampleNotFound(response: Response, operation: Operation): Promise<void> {
    const success = successResponse(spec, operation).status;
    if (firstExample(spec, operation, success)) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe(PROBLEM_JSON);
      expect(((await response.json()) as JsonObject).detail).toMatch(/exampleKey/);
    } else {
      expect(response.status).toBe(Number(success));
    }
  }

  const errorExamples = examples.filter(([, status]) => /^[45]/.test(status));
  it.each(errorExamples)("%s: the %s example %s is not found by `Prefer: example=` alone, only in the success response", async (_, __, name, operation) => {
    const response = await sendExample(spec, mockUrl, operation, { headers: { Prefer: `example=${name}` } });
    await expectExampleNotFound(response, operation);
  });

  it.each(all)("%s: an undeclared example name or status gets Prism's own answer, not the API's envelope", async (_, operation) => {
    await expectExampleNotFound(await sendExample(spec, mockUrl, operation, { headers: { Prefer: "example=no_such_example" } }), operation);
    const undeclared = await sendExample(spec, mockUrl, operation, { headers: { Prefer: "code=418" } });
    expect(undeclared.status).toBe(404);
    expect(undeclared.headers.get("content-type")).toBe(PROBLEM_JSON);
  });

  it("ignores preferences it does not know, and an example after a semicolon", async () => {
    const [, operation] = all.find(([, op]) => declaredExamples(spec, op).filter((e) => e.status === "403").length > 1)!;
    const [first, second] = declaredExamples(spec, operation).filter((e) => e.status === "403");
    const unknown = await sendExample(spec, mockUrl, operation, { headers: { Prefer: "respond-async, wait=5" } });
    expect(unknown.status).toBe(Number(successResponse(spec, operation).status));
    const semicolon = await sendExample(spec, mockUrl, operation, { headers: { Prefer: `code=403; example=${second!.name}` } });
    expect(await semicolon.json()).toEqual(first!.value);
  });

  it("still validates the request first: an invalid request gets the 400 whatever it prefers", async () => {
    const [, operation] = withInput[0]!;
    const response = await sendExample(spec, mockUrl, operation, { withoutInput: true, headers: { Prefer: `code=${successResponse(spec, operation).status}` } });
    expect(response.status).toBe(400);
  });
});

describe("the dynamic mock (--dynamic)", () => {
  let dynamic: ChildService;
  beforeAll(async () => {
    dynamic = await startMock({ port: 0, dynamic: true, logLevel: "silent" });
  });
  afterAll(() => dynamic.close());

  const jsonSuccess = all.filter(([, operation]) => firstExample(spec, operation, successResponse(spec, operation).status));
  const successSchema = (operation: (typeof all)[number][1]) =>
    responses(spec, operation).find(({ status }) => status === successResponse(spec, operation).status)!.json!.schema as JsonObject;

  it.each(jsonSuccess)("answers %s with a body that fits its schema, the same on every request", async (_, operation) => {
    const [first, second] = await Promise.all([1, 2].map(() => sendExample(spec, dynamic.url, operation).then((r) => r.json())));
    expect(validator.validate(successSchema(operation), first)).toEqual([]);
    expect(closedValidator.validate(successSchema(operation), first)).toEqual([]);
    expect(second).toEqual(first);
  });

  it("would be caught inventing a property: the closed copy of the schemas refuses it", async () => {
    const [, operation] = jsonSuccess[0]!;
    const body = (await sendExample(spec, dynamic.url, operation).then((r) => r.json())) as JsonObject;
    const errors = closedValidator.validate(successSchema(operation), { ...body, invented_by_the_mock: true });
    expect(errors.map((error) => error.keyword)).toContain("additionalProperties");
  });
});

describe("the sparse examples", () => {
  const sparse = all.filter(([, operation]) => declaredExamples(spec, operation).some((example) => example.name === SPARSE_EXAMPLE));
  const requiredOf = (schema: JsonObject): string[] => (schema.required as string[] | undefined) ?? [];

  it("exist for every resource with optional fields", () => {
    expect(sparse.map(([id]) => id)).toEqual(expect.arrayContaining(["listLines", "listChats", "listMessages", "getOutboxItem", "uploadFile"]));
  });

  it.each(sparse)("%s: `Prefer: example=sparse` answers without a single optional field", async (_, operation) => {
    const { status } = successResponse(spec, operation);
    const response = await sendExample(spec, mockUrl, operation, { headers: { Prefer: `example=${SPARSE_EXAMPLE}` } });
    expect(response.status).toBe(Number(status));
    const body = (await response.json()) as JsonObject;
    const schema = responses(spec, operation).find((r) => r.status === status)!.json!.schema as JsonObject;
    expect(validator.validate(schema, body)).toEqual([]);
    expect(Object.keys(body).every((key) => requiredOf(deref(spec, schema) as JsonObject).includes(key))).toBe(true);
  });
});

describe("inputs the official CLI sends", () => {
  const byId = new Map(all);
  const send = (operationId: string, init: { query?: Record<string, string>; body?: JsonObject }) => {
    const operation = byId.get(operationId)!;
    const url = new URL(operation.path, mockUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { ...AUTHORIZATION, ...(init.body && { "Content-Type": "application/json" }) };
    return fetch(url, { method: operation.method.toUpperCase(), headers, body: init.body && JSON.stringify(init.body) });
  };
  const reaction = { from: "+15551234567", to: "+15559876543", message_id: "msg_q9w3e7r1t5y2u8i4" };

  it.each([["a tapback", "love"], ["one emoji", "🎉"]])("accepts %s as a reaction type", async (_, type) => {
    expect((await send("sendReaction", { body: { ...reaction, type } })).status).toBe(201);
  });

  it("refuses a reaction type that is a whole sentence", async () => {
    expect((await send("sendReaction", { body: { ...reaction, type: "a whole sentence of text" } })).status).toBe(400);
  });

  it.each([["omitted", {}], ["empty", { from: "" }]])("accepts a webhook for every line, `from` %s", async (_, from) => {
    const response = await send("createWebhook", { body: { ...from, url: "https://example.com/webhooks/messages", events: ["message.received"] } });
    expect(response.status).toBe(201);
  });

  it("accepts a limit of 200, as the CLI's examples pass it, and refuses 0", async () => {
    expect((await send("listChats", { query: { from: "+15551234567", limit: "200" } })).status).toBe(200);
    expect((await send("listChats", { query: { from: "+15551234567", limit: "0" } })).status).toBe(400);
  });
});
