import { describe, expect, it } from "vitest";
import { exampleCases, successStatus } from "../../contract-tests/cases/examples.ts";
import { negativeCases, type RuleKind } from "../../contract-tests/cases/negatives.ts";
import { requestMediaTypes } from "../../contract-tests/cases/requests.ts";
import { loadBundle, namedExamples, operations, type JsonObject } from "../../spec/openapi.ts";
import { errorExamples } from "../../spec/errors.ts";
import { essentialErrors } from "../../spec/object-alternatives.ts";
import { createSchemaValidator } from "../../spec/schema-validator.ts";

const spec = loadBundle();
const schemas = createSchemaValidator(spec);
const negatives = negativeCases(spec);

describe("example replay", () => {
  const cases = exampleCases(spec);

  it("makes a case of every request body example, and one of the parameter examples of each operation without a body", () => {
    const expected = operations(spec).flatMap((operation) => {
      const bodies = requestMediaTypes(spec, operation).flatMap(({ media }) => namedExamples(spec, media).map(({ name }) => `${operation.operationId} example "${name}"`));
      return bodies.length > 0 ? bodies : [`${operation.operationId} with its parameter examples`];
    });
    expect(cases.map((c) => c.name)).toEqual(expected);
  });

  it("covers every operation", () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(operations(spec).map((o) => o.operationId)));
  });

  it("replaces the line, the recipient and the webhook URL where it is told to, and nothing else", () => {
    const bound = exampleCases(spec, { from: "+15550001111", url: "http://127.0.0.1:9/hook" });
    const create = bound.find((c) => c.operationId === "createWebhook")!.template.body!.value as JsonObject;
    expect(create).toMatchObject({ from: "+15550001111", url: "http://127.0.0.1:9/hook", events: ["message.received", "message.sent"] });
    expect(bound.find((c) => c.operationId === "listMessages")!.template.query).toMatchObject({ from: "+15550001111", to: "+15559876543" });
  });

  it("expects the documented success status, which is 302 for a download", () => {
    expect(successStatus(spec, "getFile")).toBe(302);
    expect(successStatus(spec, "sendMessage")).toBe(201);
  });
});

describe("negative cases", () => {
  const kinds = new Set(negatives.map((c) => c.kind));

  it.each<RuleKind>(["no-auth", "missing-required", "wrong-type", "out-of-range", "bad-enum", "bad-id-prefix", "too-many-items", "malformed-json", "empty-body"])(
    "include the rule kind %s",
    (kind) => expect(kinds).toContain(kind),
  );

  it("refuse every operation without a key, expecting 401 missing_api_key", () => {
    const noAuth = negatives.filter((c) => c.kind === "no-auth");
    expect(noAuth.map((c) => c.operationId)).toEqual(operations(spec).map((o) => o.operationId));
    expect(noAuth.every((c) => c.expect.status === 401 && c.expect.code === "missing_api_key" && !c.template.auth)).toBe(true);
  });

  it("send two attachments and expect 400 invalid_parameter_value naming attachments", () => {
    const two = negatives.find((c) => c.kind === "too-many-items" && c.operationId === "sendMessage")!;
    expect((two.template.body!.value as JsonObject).attachments).toHaveLength(2);
    expect(two.expect).toEqual({ status: 400, code: "invalid_parameter_value", param: "attachments" });
  });

  it("send a limit below its minimum, and none above 100, which the spec does not bound", () => {
    const limits = negatives.filter((c) => c.kind === "out-of-range" && c.operationId === "listChats").map((c) => c.template.query.limit);
    expect(limits).toEqual([0]);
  });

  it("expect only codes the operation documents, at the status it documents them with", () => {
    for (const negative of negatives) {
      const operation = operations(spec).find((o) => o.operationId === negative.operationId)!;
      const codes = errorExamples(spec, operation).filter((e) => e.status === String(negative.expect.status)).map((e) => e.code);
      expect(codes, negative.name).toContain(negative.expect.code);
    }
  });

  it("each break exactly one rule of a request that is otherwise valid", () => {
    const jsonBodies = negatives.filter((c) => c.template.body?.mediaType === "application/json" && c.template.body.raw === undefined && c.kind !== "no-auth");
    expect(jsonBodies.length).toBeGreaterThan(40);
    for (const negative of jsonBodies) {
      const [media] = requestMediaTypes(spec, negative.template.operation);
      // Read as the API reads it: an error every branch of an anyOf reports is one error.
      const { errors } = essentialErrors(schemas.validate(media!.media.schema as JsonObject, negative.template.body!.value));
      const rules = new Set(errors.map((e) => e.keyword));
      expect([...rules], negative.name).toHaveLength(1);
    }
  });

  it("break nothing in the example they start from: the same request with the example's value passes", () => {
    const prefixSwap = negatives.find((c) => c.kind === "bad-id-prefix" && c.operationId === "deleteWebhook")!;
    const [media] = requestMediaTypes(spec, prefixSwap.template.operation);
    const original = { ...(prefixSwap.template.body!.value as JsonObject), id: "wh_t6y2u8i4o0p3a7s1" };
    expect(schemas.validate(media!.media.schema as JsonObject, original)).toEqual([]);
    expect(schemas.validate(media!.media.schema as JsonObject, prefixSwap.template.body!.value)).not.toEqual([]);
  });

  it("leave out a break that would also break another rule: five webhook events would repeat or invent one", () => {
    expect(negatives.filter((c) => c.operationId === "createWebhook").map((c) => c.kind)).not.toContain("too-many-items");
  });

  it("send malformed JSON as text that does not parse", () => {
    for (const negative of negatives.filter((c) => c.kind === "malformed-json")) {
      expect(() => JSON.parse(negative.template.body!.raw!), negative.name).toThrow();
    }
  });
});
