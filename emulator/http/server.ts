// The HTTP layer (node:http): routes a request to its operation, runs it through authentication,
// the rate limit, the scope check and validation against the bundle, calls the handler, and writes
// the reply, every one with a request_id, and errors in the API's envelope.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { JsonObject } from "../../spec/openapi.ts";
import type { Route } from "../api/handlers.ts";
import type { EmulatorContext, Reply } from "../context.ts";
import { applyDrifts, type DriftKind } from "../drift.ts";
import { newId } from "../ids.ts";
import { takeFault } from "../simulation/faults.ts";
import type { ApiSpec, OperationSpec } from "../spec.ts";
import { hostRefusal, simulationRefusal } from "./access.ts";
import { authenticate, authorize } from "./auth.ts";
import { JSON_BODY_LIMIT, parseJson, readBody } from "./body.ts";
import { ApiError } from "./errors.ts";
import { Params } from "./params.ts";
import { errorReply, PREFLIGHT_HEADERS, writeReply } from "./reply.ts";
import type { RequestValidator } from "./validation.ts";

/** The query with each value's leading space (a bare `+` the URL decoding turned into one) read back as a `+`. */
const plusRestored = (search: URLSearchParams) => new URLSearchParams([...search].map(([name, value]) => [name, value.replace(/^ /, "+")]));

/** The other reading of the claim limit-above-largest-page: a `limit` above the largest page is refused, as by a schema maximum. */
function refuseLimitAbovePage(operation: OperationSpec, limit: unknown): void {
  if (typeof limit === "number" && operation.maxPageSize !== undefined && limit > operation.maxPageSize) {
    throw new ApiError("invalid_parameter_value", "limit", `The 'limit' query parameter must be at most ${operation.maxPageSize}.`);
  }
}

/** Serves the /_emulator/ endpoints; writes its own response. */
export type SimulationHandler = (request: IncomingMessage, response: ServerResponse, path: string, search: URLSearchParams) => Promise<void>;

export function createRequestListener(
  emulator: EmulatorContext,
  routes: Map<string, Route>,
  simulation: SimulationHandler,
  validator: RequestValidator,
  drift: readonly DriftKind[],
): (request: IncomingMessage, response: ServerResponse) => void {
  async function runOperation(route: Route, request: IncomingMessage, search: URLSearchParams, requestId: string): Promise<Reply> {
    const { operation, handler } = route;
    const key = authenticate(request.headers.authorization, emulator.keys);
    takeFault(emulator, operation.operationId);
    emulator.rateLimiter.take(key.key, key.requestsPerHour);
    authorize(key, operation.scope);
    const query = validator.query(operation, emulator.config.readings.plus_in_query === "read_as_plus" ? plusRestored(search) : search);
    if (emulator.config.readings.page_limit === "refused") refuseLimitAbovePage(operation, query.limit);
    const headers = validator.headers(operation, request.headers);
    let body: unknown = {};
    let raw: Buffer | undefined;
    if (operation.jsonBody) {
      body = parseJson(await readBody(request, JSON_BODY_LIMIT));
      validator.body(operation, body);
    } else if (operation.rawBody) {
      raw = await readBody(request, emulator.config.files.max_bytes);
    }
    const success = await handler(
      {
        operation, requestId, key, raw,
        query: new Params(query), headers: new Params(headers), body: new Params(body as Record<string, unknown>),
        contentType: request.headers["content-type"],
      },
      emulator,
    );
    return { status: operation.successStatus, ...success };
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, path: string, search: URLSearchParams): Promise<void> {
    const requestId = newId("RequestId");
    const route = routes.get(`${request.method} ${path}`);
    let reply: Reply;
    if (!route) {
      reply = unknownRoute(request.method, path);
    } else {
      try {
        reply = await runOperation(route, request, search, requestId);
      } catch (error) {
        reply = errorReply(emulator.spec, error);
      }
    }
    const body: JsonObject | undefined = reply.body && { ...reply.body, request_id: requestId };
    const schema = route?.operation.responseSchemas.get(reply.status);
    const wire = { status: reply.status, body, headers: { "x-request-id": requestId, ...reply.headers }, ...(schema && { schema }) };
    writeReply(response, applyDrifts(drift, wire, emulator.spec.document));
  }

  /** Writes a reply made outside an operation, with a request_id on its error. */
  function writeError(response: ServerResponse, reply: Reply): void {
    writeReply(response, { status: reply.status, body: { ...reply.body, request_id: newId("RequestId") }, headers: reply.headers ?? {} });
  }

  return (request, response) => {
    const url = request.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
    const simulated = path.startsWith("/_emulator/");
    const refusal = hostRefusal(request.headers, emulator.config.access) ?? (simulated && request.method === "OPTIONS" ? simulationRefusal(request.headers, emulator.config.access) : undefined);
    if (refusal) {
      request.resume();
      writeError(response, refusal);
      return;
    }
    if (request.method === "OPTIONS") {
      response.writeHead(204, PREFLIGHT_HEADERS).end();
      return;
    }
    const handled = simulated ? simulation(request, response, path, search) : handleApi(request, response, path, search);
    handled.catch((error: unknown) => {
      if (!response.headersSent) writeError(response, errorReply(emulator.spec, error));
      else response.destroy();
    });
  };
}

/**
 * Answers a request Node's parser refused (malformed framing, a Transfer-Encoding it cannot read,
 * headers too large) with a 400 in the API's envelope instead of Node's bare one, then closes.
 */
export function answerClientError(spec: ApiSpec): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const reply = errorReply(spec, new ApiError("invalid_parameter_value", undefined, `The request is not valid HTTP/1.1 (${error.code ?? "malformed"}).`));
    const text = JSON.stringify({ ...reply.body, request_id: newId("RequestId") });
    socket.end(`HTTP/1.1 ${reply.status} Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
  };
}

function unknownRoute(method: string | undefined, path: string): Reply {
  return {
    status: 404,
    body: {
      error: {
        type: "not_found_error",
        code: "route_not_found",
        message: `The API has no operation ${method} ${path}. The spec (generated/openapi.json) lists every operation.`,
      },
    },
  };
}
