import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.ts";

/** JSON request bodies are small; uploads have their own, configurable limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. Past the limit it refuses at once and drains the
 * rest, so the error can still be answered on the same connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  // The spec's reading of the claim transfer-encoding-refused: a coding other than chunked is refused, not read as plain.
  const coding = request.headers["transfer-encoding"];
  if (coding !== undefined && coding.trim().toLowerCase() !== "chunked") {
    request.resume();
    return Promise.reject(new ApiError("invalid_parameter_value", undefined, `The Transfer-Encoding "${coding}" is not supported: send the body plain or chunked.`));
  }
  const tooLarge = () => new ApiError("invalid_parameter_value", undefined, `The request body is larger than the limit of ${limit} bytes.`);
  if (Number(request.headers["content-length"]) > limit) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    request.on("end", () => size <= limit && resolve(Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` holds, at any depth, a string (or a key) with a lone surrogate. A loop, not recursion: nesting is unbounded. */
function hasLoneSurrogate(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (LONE_SURROGATE.test(next)) return true;
    } else if (typeof next === "object" && next !== null) {
      for (const [key, item] of Object.entries(next)) pending.push(key, item);
    }
  }
  return false;
}

/**
 * Parses a JSON body. Text with a lone surrogate (`"\ud800"`) is refused, naming its field, rather
 * than stored altered: the spec's reading of the claim lone-surrogates-refused.
 */
export function parseJson(bytes: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiError("invalid_json");
  }
  if (hasLoneSurrogate(value)) {
    const fields = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    const field = fields.find((entry) => hasLoneSurrogate(entry))?.[0];
    throw new ApiError("invalid_parameter_value", field, "The body has text with a lone UTF-16 surrogate, which no UTF-8 can carry.");
  }
  return value;
}
