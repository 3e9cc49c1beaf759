// What the client throws. The API answered with an error: a MessagesError subclass chosen by status,
// carrying the envelope's fields. It never answered: a ConnectionError (TimeoutError when the
// per-request timeout fired).
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

  constructor({ message, ...fields }: MessagesErrorInit) {
    super(message);
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

/** The request never got an answer: DNS, refused connection, reset, or a timeout. */
export class ConnectionError extends Error { override name = "ConnectionError"; }

export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
  constructor(readonly timeout: number) {
    super(`No response within ${timeout} ms. Raise the client's \`timeout\` if the API needs longer.`);
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

/** Reads an error response into the typed error for its status. */
export async function errorFromResponse(response: Response): Promise<MessagesError> {
  const { status, statusText, headers } = response;
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
    return new ErrorClass({ status, headers, type, code, message, param, requestId: body.request_id });
  }
  const http = `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
  return new ErrorClass({
    status,
    headers,
    type: fallbackType,
    code: undefined,
    message: text ? `${http}, and the body is not an API error: ${text.slice(0, 200)}` : `${http} with an empty body.`,
    param: undefined,
    requestId: undefined,
  });
}
