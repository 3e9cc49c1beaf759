import { describe, expect, it } from "vitest";
import { createResponseValidator, formatViolation, isSpecBehind, type ObservedResponse } from "../../spec/conformance.ts";
import { checked } from "../../contract-tests/results.ts";
import { errorExamples } from "../../spec/errors.ts";
import { loadBundle, operations, type JsonObject } from "../../spec/openapi.ts";

const spec = loadBundle();
const validator = createResponseValidator(spec);
const examples = (spec.components as JsonObject).examples as Record<string, { value: JsonObject }>;

/** A webhook as the spec's own example shows it: a valid 200 of listWebhooks. */
const webhookList = () => structuredClone(examples.webhook_list!.value) as { data: JsonObject[] } & JsonObject;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ObservedResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  text: JSON.stringify(body),
});

describe("the conformance checker", () => {
  it("passes a response that matches the spec", () => {
    expect(validator.validate("listWebhooks", json(200, webhookList()))).toEqual([]);
  });

  it("flags a missing required field, naming its pointer", () => {
    const body = webhookList();
    delete body.data[0]!.url;
    expect(validator.validate("listWebhooks", json(200, body))).toEqual([
      { operationId: "listWebhooks", status: 200, rule: "body", pointer: "/body/data/0/url", expected: "a required property", actual: "nothing" },
    ]);
  });

  it("flags a wrong type, with expected and actual", () => {
    const body = webhookList();
    body.data[0]!.is_active = "yes";
    expect(validator.validate("listWebhooks", json(200, body))).toEqual([
      expect.objectContaining({ rule: "body", pointer: "/body/data/0/is_active", expected: "type boolean", actual: 'string "yes"' }),
    ]);
  });

  it("reports an undocumented field as the spec behind the API, not as a violation", () => {
    const body = webhookList();
    body.data[0]!.secret = "whsec_leaked";
    const findings = validator.validate("listWebhooks", json(200, body));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "undocumented-field", pointer: "/body/data/0/secret", expected: "only the fields the spec documents", actual: 'string "whsec_leaked"' }),
    ]);
    expect(findings.every(isSpecBehind)).toBe(true);
    expect(checked({ scenario: "examples", name: "n", operationId: "listWebhooks" }, 200, findings)).toMatchObject({ outcome: "passed", violations: [], specBehind: findings });
  });

  it("reports nothing for an optional field left out, and a violation for a required one", () => {
    const chats = structuredClone(examples.chat_list!.value) as { data: JsonObject[] } & JsonObject;
    const { is_group: _group, participants: _participants, ...sparse } = chats.data[0]!;
    expect(validator.validate("listChats", json(200, { ...chats, data: [sparse] }))).toEqual([]);
    const { identifier: _identifier, ...broken } = sparse;
    expect(validator.validate("listChats", json(200, { ...chats, data: [broken] }))).toEqual([
      expect.objectContaining({ rule: "body", pointer: "/body/data/0/identifier", expected: "a required property" }),
    ]);
  });

  it("leaves a deliberately open object open: an outbox item's payload takes any field", () => {
    const item = structuredClone(examples.outbox_item_sent!.value);
    (item.payload as JsonObject).internal_flag = true;
    expect(validator.validate("getOutboxItem", json(200, item))).toEqual([]);
  });

  it("flags a status the operation does not document", () => {
    expect(validator.validate("listWebhooks", json(202, webhookList()))).toEqual([
      expect.objectContaining({ rule: "status", pointer: "/status", expected: "one of 200, 400, 401, 403, 404, 429, 500", actual: "202" }),
    ]);
  });

  it("flags a wrong content type", () => {
    const response = { ...json(200, webhookList()), headers: { "content-type": "text/html; charset=utf-8" } };
    expect(validator.validate("listWebhooks", response)).toEqual([
      expect.objectContaining({ rule: "content-type", pointer: "/headers/content-type", expected: "one of application/json", actual: "text/html; charset=utf-8" }),
    ]);
  });

  it("flags a 429 without Retry-After, and passes it with one", () => {
    const tooMany = examples.rate_limit_exceeded!.value;
    expect(validator.validate("listWebhooks", json(429, tooMany))).toEqual([
      expect.objectContaining({ status: 429, rule: "header", pointer: "/headers/retry-after", expected: "the header (required)", actual: "no header" }),
    ]);
    expect(validator.validate("listWebhooks", json(429, tooMany, { "retry-after": "30" }))).toEqual([]);
  });

  it("flags a Retry-After that is not a number of seconds", () => {
    const violations = validator.validate("listWebhooks", json(429, examples.rate_limit_exceeded!.value, { "retry-after": "soon" }));
    expect(violations).toEqual([expect.objectContaining({ rule: "header", pointer: "/headers/retry-after", expected: "type integer" })]);
  });

  it("flags a 302 without Location, and passes it with one", () => {
    const redirect = { status: 302, headers: {}, text: "" };
    expect(validator.validate("getFile", redirect)).toEqual([expect.objectContaining({ rule: "header", pointer: "/headers/location" })]);
    expect(validator.validate("getFile", { ...redirect, headers: { location: "https://storage.example.com/f" } })).toEqual([]);
  });

  it("flags a response without request_id once, as its own rule", () => {
    const body = webhookList();
    delete body.request_id;
    expect(validator.validate("listWebhooks", json(200, body))).toEqual([
      expect.objectContaining({ rule: "request-id", pointer: "/body/request_id", expected: "a request_id", actual: "nothing" }),
    ]);
  });

  it("flags an error body that is not the error envelope", () => {
    const violations = validator.validate("sendMessage", json(400, { error: { code: "invalid_json", message: "Invalid JSON" } }));
    expect(violations.map((v) => v.pointer)).toEqual(["/body/request_id", "/body/error/type"]);
  });

  it("flags an error code the operation does not document at that status, and passes a documented one", () => {
    const sendMessage = errorExamples(spec, operations(spec).find((o) => o.operationId === "sendMessage"));
    const documented = sendMessage.find((e) => e.status === "400")!;
    const error = (code: string) => json(400, { error: { type: documented.type, code, message: "m" }, request_id: "req_1" });
    expect(validator.validate("sendMessage", error(documented.code))).toEqual([]);
    // Another operation's code: the envelope's schema allows it, only this operation does not document it.
    const elsewhere = errorExamples(spec).find((e) => e.type === documented.type && !sendMessage.some((d) => d.code === e.code))!;
    expect(validator.validate("sendMessage", error(elsewhere.code))).toEqual([
      expect.objectContaining({ rule: "error-code", pointer: "/body/error/code", actual: JSON.stringify(elsewhere.code) }),
    ]);
  });

  it("flags a body where the spec documents none", () => {
    const redirect = { status: 302, headers: { location: "https://storage.example.com/f" }, text: "{}" };
    expect(validator.validate("getFile", redirect)).toEqual([expect.objectContaining({ rule: "body", pointer: "/body", expected: "no body" })]);
  });

  it("flags a body that is not JSON at all", () => {
    const response = { status: 200, headers: { "content-type": "application/json" }, text: "<html>" };
    expect(validator.validate("listLines", response)).toEqual([expect.objectContaining({ rule: "body", pointer: "/body", expected: "a JSON body" })]);
  });

  it("names the operation, status, pointer, expected and actual in one line", () => {
    const body = webhookList();
    body.data[0]!.is_active = "yes";
    const [violation] = validator.validate("listWebhooks", json(200, body));
    expect(formatViolation(violation!)).toBe('listWebhooks 200 /body/data/0/is_active: expected type boolean, got string "yes"');
  });
});
