// The orval mutator: every generated named function and hook sends through here, and so through a
// MessagesClient. They get its auth, retries and timeout, any middleware added with `client.use()`,
// and thrown typed errors (React Query's `error` is a MessagesError). Raw upload bodies go out as
// they are.
import { describedBy, type BinaryBody } from "./binary.ts";
import type { MessagesClient } from "./client.ts";
import { defaultClient } from "./default-client.ts";
import type { ConnectionError, MessagesError } from "./errors.ts";
import { redirectLocation } from "./redirect.ts";

/** Per-call options of every named function and hook (`request` in the hooks' options). */
export interface RequestOptions {
  /** The client to send with; the default client (see `configure`) otherwise. */
  client?: MessagesClient | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

/** What orval's generated code hands over. */
export interface RequestConfig {
  url: string;
  method: string;
  params?: object;
  data?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The error a named function rejects with, and a hook's `error`. orval passes the documented error
 * bodies; they all share the envelope a MessagesError carries.
 */
export type ErrorType<_Body> = MessagesError | ConnectionError;

/** Orval types a binary body as Blob; every raw form is sent as it is. */
export type BodyType<Body> = Body extends Blob ? BinaryBody : Body;

// The generated code already typed the call against the spec; here it is only forwarded.
type UntypedRequest = (method: string, url: string, init: object) => Promise<{ data?: unknown; response: Response }>;

function send(config: RequestConfig, options: RequestOptions, init: RequestInit = {}) {
  const client = options.client ?? defaultClient();
  const signals = [config.signal, options.signal].filter((signal) => signal !== undefined);
  return (client.request as unknown as UntypedRequest)(config.method, config.url, {
    ...init,
    params: { query: config.params },
    body: config.data,
    headers: { ...config.headers, ...describedBy(config.data, config.headers), ...options.headers },
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    // Node's fetch refuses a stream body without it.
    ...(config.data instanceof ReadableStream ? { duplex: "half" } : {}),
  });
}

/** Resolves to the success body. */
export async function apiRequest<T>(config: RequestConfig, options: RequestOptions = {}): Promise<T> {
  const { data } = await send(config, options);
  return data as T;
}

/** For operations that answer with a redirect: resolves to its Location (orval still passes a body type). */
export async function apiRedirect<_T>(config: RequestConfig, options: RequestOptions = {}): Promise<string> {
  const { response } = await send(config, options, { redirect: "manual" });
  return redirectLocation(response);
}
