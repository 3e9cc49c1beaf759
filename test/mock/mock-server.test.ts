// What a frontend developer gets from `npm run mock` (Prism 5.14.2 on the bundle), proven for every
// operation and every declared example. These tests are the evidence behind "Using the mock" in
// openapi/descriptions/overview.md and the Mock section of the README.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startMock } from "../../scripts/lib/mock-server.ts";
import { loadBundle, operations, responses, type JsonObject, type Operation } from "../../scripts/lib/openapi.ts";
import { requestExample, successResponse } from "../../scripts/lib/request-examples.ts";
import { createSchemaValidator } from "../../scripts/lib/schema-validator.ts";
import type { ChildService } from "../../scripts/lib/service.ts";
import { declaredExamples, firstExample, sendExample, violations } from "./example-request.ts";

const spec = loadBundle();
const validator = createSchemaValidator(spec);
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
    expect(second).toEqual(first);
  });

  it("would be caught inventing a property: the schemas are closed", async () => {
    const [, operation] = jsonSuccess[0]!;
    const body = (await sendExample(spec, dynamic.url, operation).then((r) => r.json())) as JsonObject;
    const errors = validator.validate(successSchema(operation), { ...body, invented_by_the_mock: true });
    expect(errors.map((error) => error.keyword)).toContain("additionalProperties");
  });
});
