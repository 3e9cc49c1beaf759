import { describe, expect, it } from "vitest";
import { checkCriterion, resolveValue, UnresolvedExpression, type ExpressionContext } from "../../contract-tests/arazzo/expressions.ts";

const context = (status: number, body: unknown): ExpressionContext => ({
  inputs: { api_key: "sk_live_x", from: "+15551234567" },
  steps: { send: { outbox: "obx_1" } },
  response: { status, headers: { "retry-after": "3" }, text: JSON.stringify(body), body: body as never },
});

const simple = (condition: string, ctx: ExpressionContext) => checkCriterion({ condition }, ctx);

describe("Arazzo criteria", () => {
  it("pass a status condition that holds, and fail one that does not, naming what they saw", () => {
    expect(simple("$statusCode == 200", context(200, {})).passed).toBe(true);
    expect(simple("$statusCode == 200", context(404, {}))).toEqual({ passed: false, actual: "404", pointer: "/status" });
  });

  it("compare a body pointer with a quoted string, a boolean or a step output", () => {
    const sent = context(200, { id: "obx_1", status: "sent", is_from_me: true });
    expect(simple("$response.body#/status == 'sent'", sent).passed).toBe(true);
    expect(simple("$response.body#/is_from_me == true", sent).passed).toBe(true);
    expect(simple("$response.body#/id == $steps.send.outputs.outbox", sent).passed).toBe(true);
    expect(simple("$response.body#/id == $steps.send.outputs.outbox", context(200, { id: "obx_2" })))
      .toEqual({ passed: false, actual: '"obx_2"', pointer: "/body/id" });
  });

  it("join comparisons with || and &&", () => {
    const either = "$response.body#/status == 'sent' || $response.body#/status == 'failed'";
    expect(simple(either, context(200, { status: "failed" })).passed).toBe(true);
    expect(simple(either, context(200, { status: "pending" })).passed).toBe(false);
    expect(simple("$statusCode == 200 && $response.header.Retry-After == '3'", context(200, {})).passed).toBe(true);
    expect(simple("$statusCode == 200 && $response.header.Retry-After == '4'", context(200, {})).passed).toBe(false);
  });

  it("order numbers, and never strings", () => {
    expect(simple("$statusCode >= 400", context(404, {})).passed).toBe(true);
    expect(simple("$statusCode >= 400", context(200, {})).passed).toBe(false);
    expect(simple("$response.body#/id > 'a'", context(200, { id: "b" })).passed).toBe(false);
  });

  it("match a regex on the body text, with an embedded expression taken literally", () => {
    const regex = { context: "$response.body", type: "regex" as const, condition: '"id":\\s*"{$steps.send.outputs.outbox}"' };
    expect(checkCriterion(regex, context(200, { data: [{ id: "obx_1" }] })).passed).toBe(true);
    expect(checkCriterion(regex, context(200, { data: [{ id: "obx_12" }] })).passed).toBe(false);
  });

  it("refuse what the runner does not implement instead of passing it", () => {
    expect(() => checkCriterion({ condition: "$.data", context: "$response.body", type: "jsonpath" }, context(200, {}))).toThrow(/jsonpath is not supported/);
    expect(() => simple("($statusCode == 200)", context(200, {}))).toThrow(/Parentheses/);
    expect(() => simple("$request.body == 1", context(200, {}))).toThrow(/Unsupported runtime expression/);
    expect(() => simple("$statusCode == ok", context(200, {}))).toThrow(/quote strings/);
  });
});

describe("Arazzo values", () => {
  it("resolve whole expressions, embedded ones and nested payloads", () => {
    const ctx = context(200, {});
    expect(resolveValue("Bearer {$inputs.api_key}", ctx)).toBe("Bearer sk_live_x");
    expect(resolveValue({ from: "$inputs.from", ids: ["$steps.send.outputs.outbox"], n: 1 }, ctx)).toEqual({ from: "+15551234567", ids: ["obx_1"], n: 1 });
  });

  it("name the expression that has no value", () => {
    expect(() => resolveValue("$steps.upload.outputs.file", context(200, {}))).toThrow(UnresolvedExpression);
    expect(() => resolveValue("$steps.upload.outputs.file", context(200, {}))).toThrow("$steps.upload.outputs.file has no value");
  });
});
