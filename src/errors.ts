// What the client throws: always a MessagesError. The API answered with an error: a subclass chosen
// by status, carrying the envelope's fields. It answered 2xx with a body that is not JSON: an
// InvalidResponseError. It never answered, or the connection broke or stalled while the body was
// read: a ConnectionError (TimeoutError when the per-request timeout fired).
import type { components } from "../generated/schema.d.ts";
import { parseRetryAfter } from "./retry.ts";

type Envelope = components["schemas"]["ErrorResponse"];
export type ApiErrorType = Envelope["error"]["type"];
export type ApiErrorCode = Envelope["error"]["code"];

export interface MessagesErrorInit {
  status: number;
  type: ApiErrorType;
  /** Absent when the body was not the API's error envelope (a proxy's HTML page, for instance). */
  code: ApiErrorCode | undefined;
  message: string;
  param: string | undefined;
  requestId: string | undefined;
  /** The response's headers. */
  headers: Headers;
}

export class MessagesError extends Error {
  override name = "MessagesError";
  declare readonly status: number;
  declare readonly type: ApiErrorType;
  declare readonly code: ApiErrorCode | undefined;
  declare readonly param: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly headers: Headers;

  constructor({ message, ...fields }: MessagesErrorInit, options?: ErrorOptions) {
    super(message, options);
    Object.assign(this, fields);
  }
}

/** 401: the API key is missing, malformed, revoked or expired. */
export class AuthenticationError extends MessagesError { override name = "AuthenticationError"; }

/** 403: the key lacks the scope or the line, or a sending rule (contact-first, sandbox) refused. */
export class AuthorizationError extends MessagesError { override name = "AuthorizationError"; }

/** 404: the line, chat, message, file, outbox item or webhook does not exist. */
export class NotFoundError extends MessagesError { override name = "NotFoundError"; }

/** 429: too many requests. `retryAfter` is how many seconds the API asked to wait. */
export class RateLimitError extends MessagesError {
  override name = "RateLimitError";
  readonly retryAfter: number | undefined;

  constructor(init: MessagesErrorInit) {
    super(init);
    const wait = parseRetryAfter(init.headers.get("Retry-After"));
    this.retryAfter = wait === undefined ? undefined : Math.ceil(wait / 1000);
  }
}

/** Any other 4xx: the request itself is wrong; retrying it will not help. */
export class InvalidRequestError extends MessagesError { override name = "InvalidRequestError"; }

/** 5xx: something failed on the API's side. */
export class ServerError extends MessagesError { override name = "ServerError"; }

/** The fields of an error the client raises itself, from no error envelope. */
export const withoutEnvelope = (status: number, message: string, headers = new Headers()): MessagesErrorInit => ({
  status,
  type: "api_error",
  code: undefined,
  message,
  param: undefined,
  requestId: undefined,
  headers,
});

/** 2xx, but the body is not JSON (a proxy's page, for instance): `message` quotes its start. */
export class InvalidResponseError extends MessagesError { override name = "InvalidResponseError"; }

/** A list answered a cursor it had already answered: following it would never end. */
export class PaginationError extends MessagesError { override name = "PaginationError"; }

/**
 * The request got no complete answer: DNS, refused connection, reset, a connection cut while the
 * body arrived, or a timeout. `status` is 0: no HTTP status applies.
 */
export class ConnectionError extends MessagesError {
  override name = "ConnectionError";
  constructor(message: string, options?: ErrorOptions) {
    super(withoutEnvelope(0, message), options);
  }
}

export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
  constructor(readonly timeout: number) {
    super(`Nothing arrived for ${timeout} ms. Raise the client's \`timeout\` if the API needs longer.`);
  }
}

// The class, and the type a body that is not the envelope gets, for each status the API uses.
const BY_STATUS: Record<number, [typeof MessagesError, ApiErrorType]> = {
  401: [AuthenticationError, "authentication_error"],
  403: [AuthorizationError, "authorization_error"],
  404: [NotFoundError, "not_found_error"],
  429: [RateLimitError, "rate_limit_error"],
};
const CLIENT_ERROR: [typeof MessagesError, ApiErrorType] = [InvalidRequestError, "invalid_request_error"];
const SERVER_ERROR: [typeof MessagesError, ApiErrorType] = [ServerError, "api_error"];

const EXCERPT = 200;

/** `HTTP 502 Bad Gateway`, for a message about a response. */
const describe = ({ status, statusText }: Response) => `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;

/** Quotes a body that is not what was expected; `redact` runs first, so no cut can split a secret. */
export function unexpectedBody(response: Response, text: string, redact: (text: string) => string): string {
  return text ? `${describe(response)}, and the body is not ${response.ok ? "JSON" : "an API error"}: ${redact(text).slice(0, EXCERPT)}` : `${describe(response)} with an empty body.`;
}

/** Reads an error response into the typed error for its status, with `redact` applied to its text. */
export async function errorFromResponse(response: Response, redact: (text: string) => string): Promise<MessagesError> {
  const { status, headers } = response;
  const [ErrorClass, fallbackType] = BY_STATUS[status] ?? (status >= 500 ? SERVER_ERROR : CLIENT_ERROR);
  const text = await response.text().catch(() => "");
  let body: Partial<Envelope> | undefined;
  try {
    body = JSON.parse(text) as Partial<Envelope>;
  } catch {
    // Not JSON: reported below with an excerpt of what came instead.
  }
  if (typeof body?.error?.message === "string") {
    const { type, code, message, param } = body.error;
    return new ErrorClass({ status, headers, type, code, message: redact(message), param, requestId: body.request_id });
  }
  return new ErrorClass({ ...withoutEnvelope(status, unexpectedBody(response, text, redact), headers), type: fallbackType });
}
