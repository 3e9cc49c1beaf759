// When to retry and how long to wait: 429 after its Retry-After, 5xx and network failures with
// exponential backoff and full jitter. Other 4xx are the request's own fault and are not retried.

/** The first backoff window; each retry doubles it. */
export const BASE_DELAY_MS = 500;
/** The largest backoff window. */
export const MAX_BACKOFF_MS = 8_000;
/** The longest Retry-After the client waits for; past it, it gives up and throws at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Full jitter: a random wait between zero and the attempt's exponential window. */
export const backoff = (attempt: number): number => Math.random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);

/** A Retry-After header, in milliseconds from `now`: whole seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retrying a response, or undefined when it must not be retried: its
 * status is not retryable, or it asks for a longer wait than MAX_RETRY_AFTER_MS.
 */
export function retryDelay(response: Response, attempt: number): number | undefined {
  if (!isRetryableStatus(response.status)) return undefined;
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  if (retryAfter === undefined) return backoff(attempt);
  return retryAfter <= MAX_RETRY_AFTER_MS ? retryAfter : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
