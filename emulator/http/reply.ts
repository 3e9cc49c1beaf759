// Writing replies: JSON with a Content-Length, CORS headers on everything (frontends call the
// emulator from their dev servers), and errors in the API's envelope.
import type { ServerResponse } from "node:http";
import type { Reply } from "../context.ts";
import type { WireReply } from "../drift.ts";
import type { ApiSpec } from "../spec.ts";
import { ApiError } from "./errors.ts";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "Retry-After, Location, X-Request-Id",
};

export const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "Authorization, Content-Type, X-Filename",
  "access-control-max-age": "600",
};

export function writeReply(response: ServerResponse, reply: WireReply): void {
  const headers: Record<string, string | number> = { ...CORS_HEADERS, ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response
    .writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers })
    .end(text);
}

/** The error envelope for an ApiError, with the status and type the spec gives its code. */
export function errorReply(spec: ApiSpec, error: unknown): Reply {
  const known = error instanceof ApiError ? spec.errorCodes.get(error.code) : undefined;
  if (!(error instanceof ApiError) || !known) {
    console.error("Emulator error:", error);
    return errorReply(spec, new ApiError("server_error"));
  }
  const body = { type: known.type, code: error.code, message: error.specificMessage ?? known.message, ...(error.param && { param: error.param }) };
  return { status: known.status, body: { error: body }, headers: error.headers };
}
