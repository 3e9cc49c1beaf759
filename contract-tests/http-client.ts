// The one way the contract suite talks to a target. Every request goes through here, so the live
// API's safety rules hold for every scenario: no write without the opt-in, a cap on requests per
// run, a back-off on 429 that honours Retry-After, and a record of every exchange for the HAR.
import type { ObservedResponse } from "../spec/conformance.ts";
import { redactSecrets } from "./report/redact.ts";

export interface ApiRequest {
  method: "GET" | "POST" | "DELETE";
  /** The path under the base URL, `/v1/lines`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface Exchange {
  /** What the exchange checked, shown in the HAR. */
  label: string;
  url: string;
  request: ApiRequest;
  response: ObservedResponse & { statusText: string };
  startedAt: Date;
  durationMs: number;
}

/** A request the client would not send; the suite reports the check as skipped with `message`. */
export class RequestRefused extends Error {}

/** The target did not answer at all: the run cannot go on. */
export class TargetUnreachable extends Error {}

export interface SendOptions {
  /** Deletes what the run created: sent even past the request cap. */
  cleanup?: boolean;
  /** A 429 is the answer the check provokes: returned at once, not waited out and retried. */
  expect429?: boolean;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Refuse every request but GET: the live API without CONTRACT_ALLOW_WRITES. */
  readOnly: boolean;
  /** Requests allowed per run, retries included. */
  maxRequests: number;
  /**
   * Secrets (the API key) redacted from every answer as it arrives, so no check's excerpt, cut to a
   * length, can keep a piece of one that a later redaction would miss.
   */
  secrets?: readonly string[];
  /** How many times a 429 is retried before it is returned as the answer. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for; the 429 is returned. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpClient {
  send(request: ApiRequest, label: string, options?: SendOptions): Promise<ObservedResponse>;
  readonly exchanges: readonly Exchange[];
}

const READ_ONLY_REASON =
  "writes are off against live: set CONTRACT_ALLOW_WRITES=1 with CONTRACT_FROM and CONTRACT_TO to run them";
const REQUEST_TIMEOUT_MS = 30_000;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { baseUrl, readOnly, maxRequests, secrets = [], maxRetries = 3, maxRetryAfterSeconds = 120 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const exchanges: Exchange[] = [];

  async function once(request: ApiRequest, label: string, { cleanup = false }: SendOptions): Promise<Exchange["response"]> {
    if (readOnly && request.method !== "GET") throw new RequestRefused(READ_ONLY_REASON);
    if (exchanges.length >= maxRequests && !cleanup) {
      throw new RequestRefused(`the request cap of ${maxRequests} per run is reached (CONTRACT_MAX_REQUESTS)`);
    }
    const url = urlOf(baseUrl, request);
    const startedAt = new Date();
    const started = performance.now();
    const answer = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).catch((error: Error) => {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
      throw new TargetUnreachable(`${request.method} ${url} got no answer (${error.message}${cause})`);
    });
    const response = {
      status: answer.status,
      statusText: answer.statusText,
      headers: Object.fromEntries([...answer.headers].map(([name, value]) => [name, redactSecrets(value, secrets)])),
      text: redactSecrets(await answer.text(), secrets),
    };
    exchanges.push({ label, url, request, response, startedAt, durationMs: performance.now() - started });
    return response;
  }

  return {
    exchanges,
    async send(request, label, options = {}) {
      for (let attempt = 0; ; attempt++) {
        const response = await once(request, label, options);
        const wait = response.status === 429 ? retryAfterMs(response.headers["retry-after"], attempt) : undefined;
        if (wait === undefined || options.expect429 || attempt >= maxRetries || wait > maxRetryAfterSeconds * 1000) return response;
        await sleep(wait);
      }
    },
  };
}

function urlOf(baseUrl: string, request: Pick<ApiRequest, "path" | "query">): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

/** Retry-After in seconds or as an HTTP date; without one, an exponential back-off from 1 s. */
function retryAfterMs(header: string | undefined, attempt: number): number {
  const fallback = 1000 * 2 ** attempt;
  if (header === undefined) return fallback;
  const seconds = Number(header);
  if (header.trim() !== "" && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.max(0, date - Date.now());
}

/** A response or request body read as JSON; undefined when it is not JSON. */
