// Who is calling, and what they may do: API keys from the seed config, their scopes, their line
// restrictions, and the per-key hourly rate limit.
import type { ApiKey } from "../config.ts";
import type { Clock } from "../clock.ts";
import type { LineRow } from "../state/rows.ts";
import { ApiError } from "./errors.ts";

const BEARER = /^Bearer +(\S+) *$/i;

export function authenticate(authorization: string | undefined, keys: Map<string, ApiKey>): ApiKey {
  if (authorization === undefined || authorization.trim() === "") throw new ApiError("missing_api_key");
  const token = BEARER.exec(authorization)?.[1];
  const key = token === undefined ? undefined : keys.get(token);
  if (!key) throw new ApiError("invalid_api_key");
  return key;
}

export function authorize(key: ApiKey, scope: string): void {
  if (!key.scopes.has(scope)) {
    throw new ApiError("insufficient_scope", undefined, `This API key does not have the '${scope}' scope this endpoint requires.`);
  }
}

/** Every key can use the sandbox line; a restricted key can use its own lines besides. */
export function canUseLine(key: ApiKey, line: LineRow): boolean {
  return key.lines === undefined || line.is_sandbox === 1 || key.lines.has(line.handle);
}

const HOUR_MS = 3_600_000;

/** A fixed one-hour window per key, starting at the key's first request. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly requestsPerHour: number,
    private readonly clock: Clock,
  ) {}

  take(key: string, requestsPerHour = this.requestsPerHour): void {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= HOUR_MS || now < window.start) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > requestsPerHour) {
      const retryAfter = Math.max(1, Math.ceil((window.start + HOUR_MS - now) / 1000));
      throw new ApiError("rate_limit_exceeded", undefined, undefined, { "Retry-After": String(retryAfter) });
    }
  }

  reset(): void {
    this.windows.clear();
  }
}
