// The generated zod schemas accept every example in the spec (bodies, queries, headers, every
// response status, webhook deliveries) and reject each example with a required field removed.
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import * as schemas from "../../src/zod.ts";
import { deref, isObject, namedExamples, operations, responses, type Json, type JsonObject } from "../../spec/openapi.ts";
import { spec } from "./support/spec.ts";

interface Sample {
  schema: string;
  /** The spec's schema the example was written for, to find its required fields. */
  source: Json | undefined;
  example: string;
  value: Json | undefined;
}

const parameters = (node: JsonObject, location: string) =>
  (Array.isArray(node.parameters) ? node.parameters : []).map((p) => deref(spec, p) as JsonObject).filter((p) => p.in === location);

/** A parameter list as the object schema zod validates: its examples, and which are required. */
function parameterSample(schema: string, list: JsonObject[]): Sample[] {
  if (list.length === 0) return [];
  const value = Object.fromEntries(list.map((p) => [String(p.name), p.example ?? null]));
  const required = list.filter((p) => p.required === true).map((p) => p.name ?? null);
  return [{ schema, source: { required }, example: "parameter examples", value }];
}

const mediaSamples = (schema: string, media: Json | undefined): Sample[] =>
  namedExamples(spec, media).map(({ name, value }) => ({ schema, source: isObject(media) ? media.schema : undefined, example: name, value }));

const webhookOperations = Object.values(isObject(spec.webhooks) ? spec.webhooks : {}).map((item) => (item as JsonObject).post as JsonObject);

/** orval names an operation's schemas after it, capitalized: `SendMessageBody`, `ListLines200Response`. */
const schemaPrefix = (operationId: string) => `${operationId[0]!.toUpperCase()}${operationId.slice(1)}`;

function samples(): Sample[] {
  const result: Sample[] = [];
  for (const node of [...operations(spec).map((o) => o.node), ...webhookOperations]) {
    const id = schemaPrefix(String(node.operationId));
    const body = deref(spec, node.requestBody) as JsonObject | undefined;
    result.push(...mediaSamples(`${id}Body`, isObject(body?.content) ? body.content["application/json"] : undefined));
    result.push(...parameterSample(`${id}QueryParams`, parameters(node, "query")), ...parameterSample(`${id}Header`, parameters(node, "header")));
    const view = { method: "post" as const, path: "", operationId: id, node };
    for (const { status, json } of responses(spec, view)) result.push(...mediaSamples(`${id}${status}Response`, json));
  }
  return result;
}

function schemaNamed(name: string): ZodType {
  const schema = (schemas as Record<string, unknown>)[name];
  if (!schema || typeof (schema as ZodType).safeParse !== "function") throw new Error(`zod.ts has no schema ${name}`);
  return schema as ZodType;
}

/** The example with its first required field removed, when it has one. */
function withoutRequiredField({ source, value }: Sample): { field: string; value: JsonObject } | undefined {
  const required = (deref(spec, source) as JsonObject | undefined)?.required;
  const field = Array.isArray(required) ? required[0] : undefined;
  if (typeof field !== "string" || !isObject(value)) return undefined;
  const { [field]: _, ...rest } = value;
  return { field, value: rest };
}

const all = samples();
const mutated = all.flatMap((sample) => {
  const mutation = withoutRequiredField(sample);
  return mutation ? [[`${sample.schema} (${sample.example}) without ${mutation.field}`, sample.schema, mutation.value] as const] : [];
});

describe("the generated zod schemas", () => {
  it("cover requests, every response status including 201s, and webhook deliveries", () => {
    const names = new Set(all.map((s) => s.schema));
    for (const name of ["SendMessageBody", "SendMessage201Response", "UploadFile201Response", "ListMessagesQueryParams", "UploadFileHeader", "MessageReceivedBody", "GetFile404Response"]) {
      expect(names).toContain(name);
    }
  });

  it.each(all.map((s) => [`${s.schema} (${s.example})`, s] as const))("accept %s", (_, sample) => {
    const result = schemaNamed(sample.schema).safeParse(sample.value);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(mutated)("reject %s", (_, schema, value) => {
    expect(schemaNamed(schema).safeParse(value).success).toBe(false);
  });

  it("accept a tapback or one emoji as a reaction type, and refuse a long string", () => {
    const reaction = { from: "+15551234567", to: "+15559876543", message_id: "msg_a8s2d6f0g4h1j5k9", type: "love" };
    expect(schemas.SendReactionBody.safeParse(reaction).success).toBe(true);
    expect(schemas.SendReactionBody.safeParse({ ...reaction, type: "🎉" }).success).toBe(true);
    expect(schemas.SendReactionBody.safeParse({ ...reaction, type: "" }).success).toBe(false);
    expect(schemas.SendReactionBody.safeParse({ ...reaction, type: "a whole sentence, not one emoji" }).success).toBe(false);
  });

  it("reject a value outside an enum", () => {
    const typing = { from: "+15551234567", to: "+15559876543", state: "on" };
    expect(schemas.SendTypingIndicatorBody.safeParse(typing).success).toBe(true);
    expect(schemas.SendTypingIndicatorBody.safeParse({ ...typing, state: "maybe" }).success).toBe(false);
  });

  it("accept a webhook for every line: `from` omitted or empty", () => {
    const webhook = { url: "https://example.com/webhooks", events: ["message.received"] };
    expect(schemas.CreateWebhookBody.safeParse(webhook).success).toBe(true);
    expect(schemas.CreateWebhookBody.safeParse({ ...webhook, from: "" }).success).toBe(true);
    expect(schemas.CreateWebhookBody.safeParse({ ...webhook, from: "not a handle" }).success).toBe(false);
  });

  it("reject a body with a field the spec does not know", () => {
    const typing = { from: "+15551234567", to: "+15559876543" };
    expect(schemas.SendTypingIndicatorBody.safeParse(typing).success).toBe(true);
    expect(schemas.SendTypingIndicatorBody.safeParse({ ...typing, speed: "fast" }).success).toBe(false);
  });

  it("need text, an attachment, or both, in a message", () => {
    const message = { from: "+15551234567", to: "+15559876543" };
    expect(schemas.SendMessageBody.safeParse({ ...message, attachments: ["file_p4o8i2u6y0t3r7e1"] }).success).toBe(true);
    expect(schemas.SendMessageBody.safeParse(message).success).toBe(false);
    expect(schemas.SendMessageBody.safeParse({ ...message, attachments: [] }).success).toBe(false);
  });

  it("read query parameters from their string form", () => {
    const query = { from: "+15551234567", to: "+15559876543" };
    expect(schemas.ListMessagesQueryParams.parse({ ...query, limit: "20" })).toMatchObject({ limit: 20 });
    expect(schemas.ListMessagesQueryParams.parse({ ...query, limit: "200" })).toMatchObject({ limit: 200 });
    expect(schemas.ListMessagesQueryParams.safeParse({ ...query, limit: "0" }).success).toBe(false);
  });
});
