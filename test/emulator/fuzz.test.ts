// Fuzz: requests made invalid in one way each, derived from the bundle's own schemas with
// fast-check. Every one must get a 4xx in the error envelope with a code the operation documents
// for that status, never a 5xx, and the emulator must keep serving afterwards.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, isObject, namedExamples, operations, scopeOf, type Json, type JsonObject, type Operation } from "../../spec/openapi.ts";
import { objectFields } from "../../spec/object-alternatives.ts";
import { bundle, conformanceProblems, schemaValidator } from "./conformance.ts";
import { KEY, READONLY_KEY, TestEmulator, configWith, type CallOptions } from "./harness.ts";

const RUNS = 1200;

interface Input {
  name: string;
  schema: JsonObject;
  required: boolean;
}

interface Shape {
  operation: Operation;
  query: Input[];
  header: Input[];
  body: Input[];
  bodyExample: JsonObject | undefined;
  queryExample: Record<string, string>;
  jsonBody: boolean;
  rawBody: boolean;
}

function shapeOf(operation: Operation): Shape {
  const parameters = ((operation.node.parameters as JsonObject[] | undefined) ?? []).map((p) => deref(bundle, p) as JsonObject);
  const input = (p: JsonObject): Input => ({ name: String(p.name), schema: p.schema as JsonObject, required: p.required === true });
  const requestBody = deref(bundle, operation.node.requestBody);
  const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content : {};
  const json = content["application/json"];
  const bodySchema = isObject(json) ? (json.schema as JsonObject) : undefined;
  const { properties, required } = objectFields(bundle, bodySchema);
  return {
    operation,
    query: parameters.filter((p) => p.in === "query").map(input),
    header: parameters.filter((p) => p.in === "header").map(input),
    body: Object.entries(properties).map(([name, schema]) => ({ name, schema: schema as JsonObject, required: required.includes(name) })),
    bodyExample: namedExamples(bundle, json)[0]?.value as JsonObject | undefined,
    queryExample: Object.fromEntries(parameters.filter((p) => p.in === "query" && p.name !== "cursor").map((p) => [String(p.name), String(p.example)])),
    jsonBody: isObject(json),
    rawBody: Object.keys(content).length > 0 && !isObject(json),
  };
}

const invalidFor = (schema: JsonObject, coerce = (value: unknown) => value) => (value: unknown) => schemaValidator.validate(schema, coerce(value)).length > 0;
/** Query values are strings; those of integer parameters are read as numbers when they look like one. */
const asQueryValue = (schema: JsonObject) => (value: unknown) =>
  (deref(bundle, schema) as JsonObject).type === "integer" && typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;

/** Values of any JSON type that the schema refuses. */
const invalidJson = (schema: JsonObject) =>
  fc
    .oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }))
    .filter(invalidFor(schema));

/** Query strings the schema refuses (after numeric strings become numbers, as the emulator reads them). */
const invalidQuery = (schema: JsonObject) =>
  fc.oneof(fc.string({ maxLength: 40 }), fc.integer({ min: -1000, max: 1000 }).map(String), fc.integer({ min: 101 }).map(String)).filter(invalidFor(schema, asQueryValue(schema)));

interface Mutation {
  label: string;
  request: CallOptions;
}

function mutations(shape: Shape): fc.Arbitrary<Mutation>[] {
  const base: CallOptions = { query: shape.queryExample, ...(shape.jsonBody && { body: shape.bodyExample }), ...(shape.rawBody && { raw: "bytes" }) };
  const withBody = (body: unknown): CallOptions => ({ ...base, body });
  const auth: fc.Arbitrary<Mutation>[] = [
    fc.constant({ label: "no key", request: { ...base, key: null } }),
    fc.string({ maxLength: 30 }).map((token) => ({ label: "unknown key", request: { ...base, key: `nope_${token}` } })),
    fc.constant({ label: "basic auth", request: { ...base, key: null, headers: { authorization: `Basic ${KEY}` } } }),
  ];
  // The read-only key holds every :read scope, so only an operation that needs another is refused to it.
  if (!scopeOf(shape.operation)?.endsWith(":read")) {
    auth.push(fc.constant({ label: "read-only key", request: { ...base, key: READONLY_KEY } }));
  }
  const query = shape.query.flatMap((input) => [
    ...(input.required ? [fc.constant({ label: `no ${input.name}`, request: { ...base, query: without(shape.queryExample, input.name) } })] : []),
    invalidQuery(input.schema).map((value) => ({ label: `bad ${input.name}`, request: { ...base, query: { ...shape.queryExample, [input.name]: value } } })),
  ]);
  const header = shape.header.map((input) =>
    fc.oneof(fc.constant(""), fc.string({ minLength: 256, maxLength: 400 })).map((value) => ({ label: `bad ${input.name}`, request: { ...base, headers: { [input.name]: value } } })),
  );
  const example = shape.bodyExample ?? {};
  const body = shape.jsonBody
    ? [
        ...shape.body.flatMap((input) => [
          ...(input.required ? [fc.constant({ label: `no ${input.name}`, request: withBody(without(example, input.name)) })] : []),
          invalidJson(input.schema).map((value) => ({ label: `bad ${input.name}`, request: withBody({ ...example, [input.name]: value as Json }) })),
        ]),
        fc.stringMatching(/^[a-z]{3,12}$/).filter((name) => !shape.body.some((i) => i.name === name)).map((name) => ({ label: "extra field", request: withBody({ ...example, [name]: 1 }) })),
        fc.string({ maxLength: 30 }).filter((text) => !parses(text)).map((raw) => ({ label: "not JSON", request: { ...base, body: undefined, raw, headers: { "content-type": "application/json" } } })),
        fc.oneof(fc.array(fc.integer(), { maxLength: 2 }), fc.integer(), fc.string(), fc.constant(null)).map((value) => ({ label: "not an object", request: withBody(value) })),
      ]
    : [];
  const raw = shape.rawBody ? [fc.constant({ label: "empty file", request: { ...base, raw: "" } })] : [];
  return [...auth, ...query, ...header, ...body, ...raw];
}

function without(object: Record<string, unknown>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = object;
  return rest as Record<string, string>;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start({ config: configWith((c) => void (c.rate_limit = { requests_per_hour: 1_000_000 })) });
});
afterAll(() => emulator.close());

describe("fuzzing with invalid requests derived from the bundle", () => {
  const shapes = operations(bundle).map(shapeOf);
  const cases = fc.oneof(
    ...shapes.map((shape) => fc.tuple(fc.constant(shape), fc.oneof(...mutations(shape)))),
  );

  it(`answers ${RUNS} of them with a documented 4xx in the error envelope, and keeps serving`, async () => {
    const seen = new Set<string>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([shape, mutation]) => {
        const { method, path, operationId } = shape.operation;
        const answer = await emulator.call(method.toUpperCase(), path, mutation.request);
        sent += 1;
        seen.add(operationId);
        const problems = conformanceProblems(method.toUpperCase(), path, answer);
        const where = `${operationId} with ${mutation.label}: ${answer.status} ${JSON.stringify(answer.body)}`;
        expect(answer.status, where).toBeGreaterThanOrEqual(400);
        expect(answer.status, where).toBeLessThan(500);
        expect(problems, where).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect([...seen].sort()).toEqual(shapes.map((s) => s.operation.operationId).sort());
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
  });

  it("accepts the unmutated example request, so each refusal is the mutation's doing", async () => {
    const answer = await emulator.api("POST", "/v1/webhooks", { body: shapes.find((s) => s.operation.operationId === "createWebhook")!.bodyExample });
    expect(answer.status).toBe(201);
  });
});
