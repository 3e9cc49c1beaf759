// Signed webhook deliveries. The signature is the lowercase hex HMAC-SHA256 of
// `${timestamp}.${raw body}`, keyed with the webhook's secret as UTF-8 bytes. Web Crypto only, so
// the same code runs in Node and in browsers.
import type { webhooks } from "../generated/schema.d.ts";

type Delivery<Name extends keyof webhooks> = NonNullable<webhooks[Name]["post"]>;

/** A delivery's body: a union discriminated on `event`. */
export type WebhookEvent = { [Name in keyof webhooks]: Delivery<Name>["requestBody"]["content"]["application/json"] }[keyof webhooks];
export type WebhookEventName = WebhookEvent["event"];

type DeliveryHeaders = Delivery<keyof webhooks>["parameters"]["header"];
const SIGNATURE = "X-Webhook-Signature" satisfies keyof DeliveryHeaders;
const TIMESTAMP = "X-Webhook-Timestamp" satisfies keyof DeliveryHeaders;
const DELIVERY_ID = "X-Webhook-Delivery-Id" satisfies keyof DeliveryHeaders;

/** Deliveries signed further than this from the verifier's clock are refused, to stop replays. */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureFailure =
  | "missing_signature"
  | "missing_timestamp"
  | "invalid_timestamp"
  | "signature_mismatch"
  | "timestamp_outside_tolerance"
  | "invalid_body";

/** A delivery failed verification; `reason` says which check. */
export class SignatureVerificationError extends Error {
  override name = "SignatureVerificationError";
  constructor(
    readonly reason: SignatureFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The verifier was called wrongly: an empty secret, or a `tolerance` or `now` that is not a finite,
 * non-negative number. (`Number(process.env.X)` of an unset variable is NaN, which would otherwise
 * turn replay protection off.) `option` names the argument.
 */
export class WebhookOptionsError extends TypeError {
  override name = "WebhookOptionsError";
  constructor(readonly option: "secret" | "tolerance" | "now") {
    super(option === "secret" ? "The webhook secret is empty." : `\`${option}\` must be a finite number of milliseconds, 0 or more.`);
  }
}

function checkedSecret(secret: string): string {
  if (typeof secret !== "string" || secret === "") throw new WebhookOptionsError("secret");
  return secret;
}

function checkedMillis(option: "tolerance" | "now", value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new WebhookOptionsError(option);
  return value;
}

/** Fetch `Headers`, or a plain object such as Node's `request.headers` (any letter case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;
export type RawBody = string | Uint8Array | ArrayBuffer;

export interface VerifyOptions {
  /** Milliseconds a delivery's timestamp may be away from `now`; 5 minutes by default. */
  tolerance?: number;
  /** The verifier's clock, in Unix milliseconds; `Date.now()` by default. */
  now?: number;
}

const encoder = new TextEncoder();
const bytesOf = (body: RawBody): Uint8Array => (typeof body === "string" ? encoder.encode(body) : new Uint8Array(body));

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const key = Object.keys(source).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : source[key];
  return Array.isArray(value) ? value[0] : value;
}

function signedPayload(timestamp: string, body: RawBody): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const rest = bytesOf(body);
  const payload = new Uint8Array(prefix.length + rest.length);
  payload.set(prefix);
  payload.set(rest, prefix.length);
  return payload;
}

const hmacKey = (secret: string, usage: "sign" | "verify") =>
  crypto.subtle.importKey("raw", encoder.encode(checkedSecret(secret)), { name: "HMAC", hash: "SHA-256" }, false, [usage]);

function parseBody(body: RawBody): WebhookEvent {
  try {
    const event: unknown = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
    if (typeof event === "object" && event !== null && "event" in event && "data" in event) return event as WebhookEvent;
  } catch {
    // Reported below, the same as a body of the wrong shape.
  }
  throw new SignatureVerificationError("invalid_body", "The body is not a webhook delivery: expected a JSON object with `event` and `data`.");
}

/** The signature of a delivery body: lowercase hex HMAC-SHA256 of `${timestamp}.${body}`. */
export async function signWebhook(secret: string, timestamp: number | string, body: RawBody): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), signedPayload(String(timestamp), body));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks a delivery and returns its typed event. Pass the raw body exactly as received (before any
 * JSON parsing), and either the request's headers or the `X-Webhook-Signature` value alone (the
 * timestamp then comes from the body). Throws a SignatureVerificationError naming the failed check.
 */
export async function verifyWebhook(
  rawBody: RawBody,
  headersOrSignature: HeaderSource | string,
  secret: string,
  options: VerifyOptions = {},
): Promise<WebhookEvent> {
  const tolerance = checkedMillis("tolerance", options.tolerance ?? DEFAULT_TOLERANCE_MS);
  const now = checkedMillis("now", options.now ?? Date.now());
  checkedSecret(secret);
  const signatureOnly = typeof headersOrSignature === "string";
  const signature = signatureOnly ? headersOrSignature : header(headersOrSignature, SIGNATURE);
  if (!signature) throw new SignatureVerificationError("missing_signature", `The ${SIGNATURE} header is missing or empty.`);
  const timestamp = signatureOnly ? String(parseBody(rawBody).timestamp) : header(headersOrSignature, TIMESTAMP);
  if (!timestamp) throw new SignatureVerificationError("missing_timestamp", `The ${TIMESTAMP} header is missing or empty.`);
  if (!/^\d+$/.test(timestamp)) {
    throw new SignatureVerificationError("invalid_timestamp", `The timestamp "${timestamp}" is not Unix milliseconds.`);
  }

  const expected = /^[0-9a-f]{64}$/i.test(signature) ? Uint8Array.from(signature.match(/../g) ?? [], (hex) => parseInt(hex, 16)) : undefined;
  // subtle.verify compares in constant time.
  if (!expected || !(await crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), expected, signedPayload(timestamp, rawBody)))) {
    throw new SignatureVerificationError(
      "signature_mismatch",
      "The signature does not match: the body was changed after signing, or it was signed with another secret.",
    );
  }
  const drift = Math.abs(now - Number(timestamp));
  if (drift > tolerance) {
    throw new SignatureVerificationError(
      "timestamp_outside_tolerance",
      `The delivery was signed ${Math.round(drift / 1000)} s away from now, more than the ${Math.round(tolerance / 1000)} s allowed.`,
    );
  }
  return parseBody(rawBody);
}

export interface WebhookDelivery {
  /** The exact body to send. */
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryOptions {
  /** Unix milliseconds; now by default. */
  timestamp?: number;
  /** `dlv_…`; a random one by default. */
  deliveryId?: string;
}

/** A signed delivery, as the API would send it: for testing webhook handlers. */
export async function buildWebhookDelivery<Name extends WebhookEventName>(
  event: Name,
  data: Extract<WebhookEvent, { event: Name }>["data"],
  secret: string,
  options: DeliveryOptions = {},
): Promise<WebhookDelivery> {
  const { timestamp = Date.now(), deliveryId = `dlv_${crypto.randomUUID().replaceAll("-", "")}` } = options;
  const body = JSON.stringify({ event, data, timestamp, delivery_id: deliveryId });
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      [SIGNATURE]: await signWebhook(secret, timestamp, body),
      [TIMESTAMP]: String(timestamp),
      [DELIVERY_ID]: deliveryId,
    },
  };
}
