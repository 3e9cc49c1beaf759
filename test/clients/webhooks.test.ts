import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../spec/openapi.ts";
import {
  SignatureVerificationError,
  WebhookOptionsError,
  buildWebhookDelivery,
  signWebhook,
  verifyWebhook,
  type SignatureFailure,
  type WebhookEvent,
} from "../../src/webhooks.ts";
import { deliveryExample, example, spec } from "./support/spec.ts";

const SECRET = String((example("createWebhook", "201") as JsonObject).secret);
const SIGNED_AT = 1_795_170_838_900;
const data = deliveryExample("message.received").data as Extract<WebhookEvent, { event: "message.received" }>["data"];

const delivery = (options: { timestamp?: number; secret?: string } = {}) =>
  buildWebhookDelivery("message.received", data, options.secret ?? SECRET, { timestamp: options.timestamp ?? SIGNED_AT, deliveryId: "dlv_7c3e9a1f5b2d4e8f0a6c1b3d5e7f9a2c" });

async function failure(verifying: Promise<unknown>): Promise<SignatureFailure> {
  const error = await verifying.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SignatureVerificationError);
  return (error as SignatureVerificationError).reason;
}

describe("verifyWebhook", () => {
  it("accepts a valid delivery and returns its typed event", async () => {
    const { body, headers } = await delivery();
    const event = await verifyWebhook(body, new Headers(headers), SECRET, { now: SIGNED_AT + 1000 });
    expect(event.event).toBe("message.received");
    if (event.event === "message.received") expect(event.data.sender).toBe(data.sender);
  });

  it("accepts the spec's own signed example delivery", async () => {
    const sent = deliveryExample("message.sent");
    const parameter = (name: string) => String(((spec.components as JsonObject).parameters as Record<string, JsonObject>)[name]!.example);
    const headers = { "X-Webhook-Signature": parameter("WebhookSignature"), "X-Webhook-Timestamp": parameter("WebhookTimestamp") };
    const event = await verifyWebhook(JSON.stringify(sent), headers, SECRET, { now: Number(headers["X-Webhook-Timestamp"]) });
    expect(event).toEqual(sent);
  });

  it("reads Node's lower-case request.headers and raw bytes", async () => {
    const { body, headers } = await delivery();
    const lowerCase = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    await expect(verifyWebhook(Buffer.from(body), lowerCase, SECRET, { now: SIGNED_AT })).resolves.toMatchObject({ event: "message.received" });
  });

  it("accepts the signature alone, taking the timestamp from the body", async () => {
    const { body, headers } = await delivery();
    await expect(verifyWebhook(body, headers["X-Webhook-Signature"]!, SECRET, { now: SIGNED_AT })).resolves.toMatchObject({ event: "message.received" });
  });

  it("rejects a tampered body", async () => {
    const { body, headers } = await delivery();
    const tampered = body.replace("Hey, is my order on its way?", "Send me your password");
    expect(tampered).not.toBe(body);
    expect(await failure(verifyWebhook(tampered, headers, SECRET, { now: SIGNED_AT }))).toBe("signature_mismatch");
  });

  it("rejects a delivery signed with another secret", async () => {
    const { body, headers } = await delivery({ secret: "whsec_someone_else" });
    expect(await failure(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT }))).toBe("signature_mismatch");
  });

  it("rejects a malformed signature", async () => {
    const { body, headers } = await delivery();
    expect(await failure(verifyWebhook(body, { ...headers, "X-Webhook-Signature": "not-hex" }, SECRET, { now: SIGNED_AT }))).toBe("signature_mismatch");
  });

  it("rejects a stale timestamp, and one from the future, past the 5-minute window", async () => {
    const { body, headers } = await delivery();
    const fiveMinutes = 5 * 60 * 1000;
    await expect(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT + fiveMinutes })).resolves.toBeDefined();
    expect(await failure(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT + fiveMinutes + 1 }))).toBe("timestamp_outside_tolerance");
    expect(await failure(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT - fiveMinutes - 1 }))).toBe("timestamp_outside_tolerance");
  });

  it("honours a custom tolerance", async () => {
    const { body, headers } = await delivery();
    expect(await failure(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT + 2000, tolerance: 1000 }))).toBe("timestamp_outside_tolerance");
  });

  it("rejects a delivery whose timestamp header was changed, even to a fresh one", async () => {
    const { body, headers } = await delivery();
    const replayed = { ...headers, "X-Webhook-Timestamp": String(SIGNED_AT + 60 * 60 * 1000) };
    expect(await failure(verifyWebhook(body, replayed, SECRET, { now: SIGNED_AT + 60 * 60 * 1000 }))).toBe("signature_mismatch");
  });

  it.each([
    ["X-Webhook-Signature", "missing_signature"],
    ["X-Webhook-Timestamp", "missing_timestamp"],
  ] as const)("rejects a delivery without %s, naming it", async (missing, reason) => {
    const { body, headers } = await delivery();
    const { [missing]: _, ...rest } = headers;
    const error = await verifyWebhook(body, rest, SECRET, { now: SIGNED_AT }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason, message: expect.stringContaining(missing) });
  });

  it("rejects a timestamp that is not Unix milliseconds", async () => {
    const { body, headers } = await delivery();
    expect(await failure(verifyWebhook(body, { ...headers, "X-Webhook-Timestamp": "yesterday" }, SECRET))).toBe("invalid_timestamp");
  });

  it("rejects a validly signed body that is not a delivery", async () => {
    const body = "[1, 2, 3]";
    const headers = { "X-Webhook-Signature": await signWebhook(SECRET, SIGNED_AT, body), "X-Webhook-Timestamp": String(SIGNED_AT) };
    expect(await failure(verifyWebhook(body, headers, SECRET, { now: SIGNED_AT }))).toBe("invalid_body");
  });
});

describe("verifyWebhook's options", () => {
  const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;

  it.each([
    ["tolerance", { tolerance: Number.NaN }],
    ["tolerance", { tolerance: Number(undefined) }],
    ["tolerance", { tolerance: Number.POSITIVE_INFINITY }],
    ["tolerance", { tolerance: -1 }],
    ["now", { now: Number.NaN }],
    ["now", { now: Number.NEGATIVE_INFINITY }],
    ["now", { now: -1 }],
  ] as const)("refuses %s %o with a typed error, even for a 30-day-old delivery", async (option, options) => {
    const { body, headers } = await delivery({ timestamp: SIGNED_AT - THIRTY_DAYS });
    const error = await verifyWebhook(body, headers, SECRET, { now: SIGNED_AT, ...options }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookOptionsError);
    expect(error).toMatchObject({ option });
  });

  it("refuses an empty secret with a typed error, when verifying and when signing", async () => {
    const { body, headers } = await delivery();
    await expect(verifyWebhook(body, headers, "", { now: SIGNED_AT })).rejects.toMatchObject({ name: "WebhookOptionsError", option: "secret" });
    await expect(signWebhook("", SIGNED_AT, body)).rejects.toBeInstanceOf(WebhookOptionsError);
  });
});

describe("signWebhook", () => {
  it("is the lowercase hex HMAC-SHA256 of `${timestamp}.${body}`", async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", SECRET).update(`${SIGNED_AT}.{"a":1}`).digest("hex");
    await expect(signWebhook(SECRET, SIGNED_AT, '{"a":1}')).resolves.toBe(expected);
    await expect(signWebhook(SECRET, SIGNED_AT + 1, '{"a":1}')).resolves.not.toBe(expected);
  });
});

describe("buildWebhookDelivery", () => {
  it("builds the body and the three headers the API sends", async () => {
    const { body, headers } = await delivery();
    expect(JSON.parse(body)).toEqual({ event: "message.received", data, timestamp: SIGNED_AT, delivery_id: "dlv_7c3e9a1f5b2d4e8f0a6c1b3d5e7f9a2c" });
    expect(headers).toMatchObject({
      "Content-Type": "application/json",
      "X-Webhook-Timestamp": String(SIGNED_AT),
      "X-Webhook-Delivery-Id": "dlv_7c3e9a1f5b2d4e8f0a6c1b3d5e7f9a2c",
      "X-Webhook-Signature": await signWebhook(SECRET, SIGNED_AT, body),
    });
  });

  it("gives each delivery its own dlv_ ID by default", async () => {
    const [first, second] = await Promise.all([buildWebhookDelivery("message.received", data, SECRET), buildWebhookDelivery("message.received", data, SECRET)]);
    expect(first.headers["X-Webhook-Delivery-Id"]).toMatch(/^dlv_[A-Za-z0-9_]+$/);
    expect(first.headers["X-Webhook-Delivery-Id"]).not.toBe(second.headers["X-Webhook-Delivery-Id"]);
  });
});
