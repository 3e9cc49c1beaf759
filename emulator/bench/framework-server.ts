// One candidate HTTP layer for the emulator, serving the two shapes of work the emulator does
// most: a GET that answers a small JSON list, and a POST that parses a JSON body and answers 201.
// Started by frameworks.ts, once per framework, in its own process.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

const LINES = JSON.stringify({
  data: [{ id: "ln_k57a2p9x3m8q4w6e", handle: "+15551234567", label: "Support", service: "imessage", is_active: true }],
  has_more: false,
  next_cursor: null,
  request_id: "req_a1b2c3d4e5f6",
});
const queued = (body: { from?: string }) => ({ id: "obx_z3x7c1v5b9n2m6l4", status: "pending", request_id: `req_${body.from ? "a" : "b"}` });

// Read the way the emulator reads bodies (data/end events, not the slower async iterator).
function readJson(req: IncomingMessage): Promise<{ from?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { from?: string }));
  });
}

async function nodeHttp(): Promise<number> {
  const json = (status: number, text: string) => ({ status, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) } });
  const server = createServer((req, res) => {
    if (req.method === "GET") {
      const { status, headers } = json(200, LINES);
      res.writeHead(status, headers).end(LINES);
      return;
    }
    void readJson(req).then((body) => {
      const text = JSON.stringify(queued(body));
      const { status, headers } = json(201, text);
      res.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function fastify(): Promise<number> {
  const { default: Fastify } = await import("fastify");
  const app = Fastify({ logger: false });
  app.get("/v1/lines", (_req, reply) => reply.header("content-type", "application/json").send(LINES));
  app.post("/v1/messages", (req, reply) => reply.code(201).send(queued(req.body as { from?: string })));
  await app.listen({ port: 0, host: "127.0.0.1" });
  return (app.server.address() as AddressInfo).port;
}

async function hono(): Promise<number> {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const app = new Hono();
  app.get("/v1/lines", (c) => c.body(LINES, 200, { "content-type": "application/json" }));
  app.post("/v1/messages", async (c) => c.json(queued(await c.req.json<{ from?: string }>()), 201));
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
  });
}

const FRAMEWORKS = { "node:http": nodeHttp, fastify, hono } as const;
const name = process.argv[2] as keyof typeof FRAMEWORKS;
const port = await FRAMEWORKS[name]();
console.log(`listening ${port}`);
