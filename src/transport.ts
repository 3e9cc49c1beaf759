// The one HTTP layer under the typed client, the named functions and the hooks: a fetch that adds
// the API key and default headers, times each attempt out, retries what is worth retrying, and
// turns an error response into a typed error. The key lives only in this closure: it is never
// logged, and no error carries the request.
import { ConnectionError, TimeoutError, errorFromResponse } from "./errors.ts";
import { backoff, retryDelay, sleep } from "./retry.ts";

export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  apiKey: string;
  /** The fetch to send with; the global fetch, looked up at call time, otherwise. */
  fetch?: Fetch | undefined;
  /** Milliseconds each attempt may take until the response headers arrive. */
  timeout?: number | undefined;
  /** How many times to retry a 429, a 5xx or a network failure. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: HeadersInit | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

async function attempt(fetch: Fetch, request: Request, timeout: number): Promise<Response> {
  const timer = new AbortController();
  const id = setTimeout(() => timer.abort(), timeout);
  try {
    return await fetch(new Request(request, { signal: AbortSignal.any([request.signal, timer.signal]) }));
  } catch (error) {
    if (timer.signal.aborted) throw new TimeoutError(timeout);
    if (request.signal.aborted) throw error;
    throw new ConnectionError("The request failed before any answer: see `cause`.", { cause: error });
  } finally {
    clearTimeout(id);
  }
}

export function createTransport(options: TransportOptions): Fetch {
  const { apiKey, timeout = DEFAULT_TIMEOUT_MS, maxRetries = DEFAULT_MAX_RETRIES } = options;
  const fetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));

  return async (input) => {
    const headers = new Headers(options.headers);
    input.headers.forEach((value, name) => headers.set(name, value));
    headers.set("Authorization", `Bearer ${apiKey}`);
    const request = new Request(input, { headers });

    for (let retry = 0; ; retry++) {
      const last = retry >= maxRetries;
      let response: Response;
      try {
        response = await attempt(fetch, last ? request : request.clone(), timeout);
      } catch (error) {
        if (last || !(error instanceof ConnectionError)) throw error;
        await sleep(backoff(retry), request.signal);
        continue;
      }
      if (response.status < 400) return response;
      const delay = last ? undefined : retryDelay(response, retry);
      if (delay === undefined) throw await errorFromResponse(response);
      await response.body?.cancel();
      await sleep(delay, request.signal);
    }
  };
}
