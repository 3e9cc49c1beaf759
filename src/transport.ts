// The one HTTP layer under the typed client, the named functions and the hooks: a fetch that adds
// the API key and default headers, times each attempt out, retries what is worth retrying, and
// turns an error response into a typed error. The key lives only in this closure: it is never
// logged, no error carries the request, and an answer that echoes it has it redacted from the
// error's message.
import { ConnectionError, InvalidResponseError, TimeoutError, errorFromResponse, unexpectedBody, withoutEnvelope } from "./errors.ts";
import { redactFragments } from "./redact.ts";
import { backoff, retryDelay, sleep } from "./retry.ts";

export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  apiKey: string;
  /** The fetch to send with; the global fetch, looked up at call time, otherwise. */
  fetch?: Fetch | undefined;
  /**
   * Milliseconds each attempt may wait for the response headers, and then for each next piece of
   * the body: a download that keeps flowing may take longer in all.
   */
  timeout?: number | undefined;
  /** How many times to retry a 429, a 5xx or a network failure before any answer. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: HeadersInit | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

// Bodies the client hands over as they come (a download); every other 2xx body is JSON.
const BYTES = /^(application\/octet-stream|image\/|audio\/|video\/)/i;

const failed = (cause: unknown) => new ConnectionError("The connection failed: see `cause`.", { cause });

/** The response with a body that fails as a ConnectionError when cut, a TimeoutError when it stalls. */
function guarded(response: Response, timeout: number, signal: AbortSignal): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let id: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => (id = setTimeout(() => reject(new TimeoutError(timeout)), timeout)));
      try {
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        reader.cancel().catch(() => {});
        const cut = error instanceof ConnectionError || signal.aborted ? error : failed(error);
        controller.error(cut);
      } finally {
        clearTimeout(id);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

async function attempt(fetch: Fetch, request: Request, timeout: number): Promise<Response> {
  const timer = new AbortController();
  const id = setTimeout(() => timer.abort(), timeout);
  try {
    return guarded(await fetch(new Request(request, { signal: AbortSignal.any([request.signal, timer.signal]) })), timeout, request.signal);
  } catch (error) {
    if (timer.signal.aborted) throw new TimeoutError(timeout);
    if (request.signal.aborted) throw error;
    throw failed(error);
  } finally {
    clearTimeout(id);
  }
}

/** A 2xx whose JSON body was read whole and checked, so a page that is not JSON fails typed. */
async function checkedJson(response: Response, redact: (text: string) => string): Promise<Response> {
  if (!response.body || BYTES.test(response.headers.get("Content-Type") ?? "")) return response;
  const text = await response.text();
  try {
    if (text) JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError(withoutEnvelope(response.status, unexpectedBody(response, text, redact), response.headers), { cause: error });
  }
  const { status, statusText, headers } = response;
  return new Response(text || null, { status, statusText, headers });
}

export function createTransport(options: TransportOptions): Fetch {
  const { apiKey, timeout = DEFAULT_TIMEOUT_MS, maxRetries = DEFAULT_MAX_RETRIES } = options;
  const fetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const redact = (text: string) => redactFragments(text, [apiKey]);

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
      // Not retried when its body fails: the API has acted on the request by now.
      if (response.status < 400) return checkedJson(response, redact);
      const delay = last ? undefined : retryDelay(response, retry);
      if (delay === undefined) throw await errorFromResponse(response, redact);
      await response.body?.cancel();
      await sleep(delay, request.signal);
    }
  };
}
