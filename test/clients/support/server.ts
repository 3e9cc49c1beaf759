// A scripted HTTP server on 127.0.0.1, port 0: it records every request and answers each with the
// next reply in its script. Tests stop it with close().
import { createServer, request as httpRequest, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Drop the connection without answering. */
  | "reset"
  /** Never answer. */
  | "hang"
  /** Answer by hand: headers, then a body that may stall, trickle or be cut. */
  | { raw: (response: ServerResponse) => void };

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Appends replies to the script; once it runs out, every request gets the last one. */
  reply(...replies: Array<Reply | ((request: RecordedRequest) => Reply)>): void;
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: Exclude<Reply, "reset" | "hang" | { raw: unknown }>): void {
  const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  const type = typeof reply.body === "string" ? "text/html" : "application/json";
  response.writeHead(reply.status, { ...(body ? { "Content-Type": type } : {}), ...reply.headers });
  response.end(body);
}

export async function startServer(): Promise<ScriptedServer> {
  const script: Array<Reply | ((request: RecordedRequest) => Reply)> = [];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = {
        method: incoming.method ?? "",
        url: new URL(incoming.url ?? "/", "http://127.0.0.1"),
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const next = (script.length > 1 ? script.shift() : script[0]) ?? { status: 500, body: "no reply scripted" };
      const reply = typeof next === "function" ? next(request) : next;
      if (reply === "reset") incoming.socket.destroy();
      else if (reply === "hang") hanging.add(response);
      else if ("raw" in reply) {
        hanging.add(response);
        reply.raw(response);
      } else send(response, reply);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => script.push(...replies),
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A fetch over node:http. Tests that fake setTimeout send with it: the global fetch (undici) runs
 * its own timers on setTimeout, so faking it would stall undici too.
 */
export async function nodeHttpFetch(request: Request): Promise<Response> {
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(request.url, { method: request.method, headers: Object.fromEntries(request.headers), signal: request.signal }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        const headers = new Headers();
        for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
        resolve(new Response(chunks.length > 0 ? Buffer.concat(chunks) : null, { status: incoming.statusCode, statusText: incoming.statusMessage, headers }));
      });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
