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
  if (!value) return undefined;
  const seconds = Number(value);
  const wait = Number.isNaN(seconds) ? Date.parse(value) - now : seconds * 1000;
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
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
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
