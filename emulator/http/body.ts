import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.ts";

/** JSON request bodies are small; uploads have their own, configurable limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. Past the limit it refuses at once and drains the
 * rest, so the error can still be answered on the same connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
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

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiError("invalid_json");
  }
}
