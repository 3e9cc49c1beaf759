// Hostile input: the fuzz's invalid values (fuzz.test.ts) taken to the extremes. Every top-level
// field of every operation's and simulation endpoint's JSON body, every query parameter and every
// header parameter gets oversized and adversarial strings up to the body limit (and past it); raw
// sockets send malformed framing and encodings. No answer may be a 5xx, and every refusal is in the
// API's envelope. Meanwhile a second client keeps listing lines;
// its slowest answer is printed as a figure, not asserted (timing never decides a test).
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_BODY_LIMIT } from "../../emulator/http/body.ts";
import { loadSimulationSpec } from "../../emulator/simulation/spec.ts";
import { deref, isObject, namedExamples, operations, type JsonObject } from "../../spec/openapi.ts";
import { objectFields } from "../../spec/object-alternatives.ts";
import { bundle } from "./conformance.ts";
import { CONTACT, KEY, SUPPORT, TestEmulator, configWith } from "./harness.ts";

/** Room left in the body for the rest of the example, so the largest string still fits the limit. */
const ROOM = 4096;

const STRINGS: Array<[string, string]> = [
  ["at the body limit", "a".repeat(JSON_BODY_LIMIT - ROOM)],
  ["past the body limit", "a".repeat(JSON_BODY_LIMIT + 1)],
  ["an email that backtracks", `a@${"a.".repeat((JSON_BODY_LIMIT - ROOM) / 2 - 2)}`],
  ["@ after @", "@".repeat(JSON_BODY_LIMIT - ROOM)],
  ["a phone number of digits", `+1${"5".repeat(JSON_BODY_LIMIT - ROOM)}`],
  ["a chat ID of the limit", `cht_${"A".repeat(JSON_BODY_LIMIT - ROOM)}`],
  ["emoji", "😀".repeat((JSON_BODY_LIMIT - ROOM) / 8)],
  ["a lone surrogate", "Hi \ud800"],
  ["NUL and control characters", "\u0000\u0001\u001b[31m\u007f"],
  ["bidi overrides and zero-width", "\u202e\u200b\u2066".repeat(10_000)],
  ["SQL", "'); DROP TABLE messages; --"],
  ["percent escapes", "%00%zz%%\\u0000"],
  ["a prototype key", "__proto__"],
];

/** The JSON body operations, each with its example body and its top-level fields. */
const bodies = operations(bundle).flatMap((operation) => {
  const requestBody = deref(bundle, operation.node.requestBody);
  const json = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content["application/json"] : undefined;
  if (!isObject(json)) return [];
  const example = (namedExamples(bundle, json)[0]?.value ?? {}) as JsonObject;
  return [{ operation, example, fields: Object.keys(objectFields(bundle, json.schema as JsonObject).properties) }];
});

/** The simulation endpoints with a body, each with a body that names a real line and contact. */
const simulations = loadSimulationSpec()
  .filter((operation) => operation.bodySchema !== undefined)
  .map((operation) => ({ operation, fields: Object.keys(objectFields(bundle, operation.bodySchema).properties) }));

/** Header parameters: values are bytes, so a string goes as its UTF-8 bytes, and one a header cannot hold is skipped. */
const headers = operations(bundle).flatMap((operation) =>
  ((operation.node.parameters as JsonObject[] | undefined) ?? []).map((p) => deref(bundle, p) as JsonObject).filter((p) => p.in === "header").map((p) => ({ operation, name: String(p.name) })),
);
const asHeaderValue = (value: string) => Buffer.from(value.slice(0, 8192)).toString("latin1");
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const queries = operations(bundle).flatMap((operation) => {
  const parameters = ((operation.node.parameters as JsonObject[] | undefined) ?? []).map((p) => deref(bundle, p) as JsonObject).filter((p) => p.in === "query");
  return parameters.map((parameter) => ({ operation, name: String(parameter.name), example: Object.fromEntries(parameters.map((p) => [String(p.name), String(p.example)])) }));
});

/** A well-framed POST with a JSON content type and the key, around a body of any bytes. */
const jsonPost = (path: string, body: Buffer | string) => {
  const bytes = Buffer.from(body);
  return Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`), bytes]);
};

/** Raw requests with broken framing or encodings. */
const FRAMING: Array<[string, string | Buffer]> = [
  ["a bad chunk size", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"],
  ["Content-Length and chunked", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"],
  ["two Content-Lengths", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"],
  ["a negative Content-Length", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n{}"],
  ["gzip transfer coding", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n{}"],
  ["gzip then chunked", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"],
  ["a header without a colon", "GET /v1/lines HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization\r\n\r\n"],
  ["a garbage request line", "BREW /coffee HTCPCP/1.0\r\n\r\n"],
  ["an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
  ["headers of 64 KB", `GET /v1/lines HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(65_536)}\r\n\r\n`],
  ["a URL of 64 KB", `GET /v1/lines?${"a".repeat(65_536)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
  ["a bad escape in the path", "GET /v1/%zz%ff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
  ["a bad escape in a storage URL", "GET /_emulator/storage/% HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
  ["a bad escape in the query", "GET /v1/chats?from=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
  ["invalid UTF-8 in JSON", jsonPost("/v1/webhooks", Buffer.from('{"url": "https://\xff\xfe"}', "latin1"))],
  ["a BOM before JSON", jsonPost("/v1/webhooks", "\ufeff{}")],
  ["JSON nested 100,000 deep", jsonPost("/v1/webhooks", `{"url":${"[".repeat(100_000)}${"]".repeat(100_000)}}`)],
  ["UTF-16 JSON", jsonPost("/v1/webhooks", Buffer.from('{"url": "https://example.com"}', "utf16le"))],
  ["a NUL in a header", "GET /v1/lines HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk\u0000\r\n\r\n"],
];

/** Sends raw bytes and reads what comes back until the server closes or a second passes idle. */
function rawExchange(url: string, bytes: string | Buffer): Promise<{ status: number | undefined; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    const done = () => {
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]) || undefined, text });
    };
    socket.setTimeout(1000, done);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    socket.on("close", done);
    socket.on("error", done);
    socket.write(bytes);
  });
}

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start({ config: configWith((c) => void (c.rate_limit = { requests_per_hour: 1_000_000 })) });
});
afterAll(() => emulator.close());

describe("hostile input", () => {
  it("gets no 5xx, every refusal in the envelope, and the emulator keeps serving a second client", { timeout: 300_000 }, async () => {
    let slowest = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const started = performance.now();
        await emulator.call("GET", "/v1/lines");
        slowest = Math.max(slowest, performance.now() - started);
      }
    })();

    const counts = { inputs: 0, "2xx": 0, "4xx": 0, "5xx": 0, "no answer": 0 };
    const failures: string[] = [];
    const record = (what: string, status: number | undefined, enveloped: boolean) => {
      counts.inputs += 1;
      if (status === undefined) counts["no answer"] += 1;
      else if (status >= 500) counts["5xx"] += 1;
      else if (status >= 400) counts["4xx"] += 1;
      else counts["2xx"] += 1;
      if (status === undefined || status >= 500 || (status >= 400 && !enveloped)) failures.push(`${what}: ${status ?? "no answer"}`);
    };
    const enveloped = (body: unknown) => isObject(body as JsonObject) && isObject((body as JsonObject).error) && typeof (body as JsonObject).request_id === "string";

    for (const { operation, example, fields } of bodies) {
      for (const field of fields) {
        for (const [label, value] of STRINGS) {
          const answer = await emulator.call(operation.method.toUpperCase(), operation.path, { body: { ...example, [field]: value } }).catch(() => undefined);
          record(`${operation.operationId} ${field} = ${label}`, answer?.status, enveloped(answer?.body));
        }
      }
    }
    for (const { operation, fields } of simulations) {
      for (const field of fields) {
        for (const [label, value] of STRINGS) {
          const answer = await emulator.call(operation.method, operation.path, { key: null, body: { line: SUPPORT, from: CONTACT, [field]: value } }).catch(() => undefined);
          record(`${operation.operationId} ${field} = ${label}`, answer?.status, enveloped(answer?.body));
        }
      }
    }
    for (const { operation, name } of headers) {
      for (const [label, value] of STRINGS.filter(([, value]) => HEADER_VALUE.test(asHeaderValue(value)))) {
        const answer = await emulator.call(operation.method.toUpperCase(), operation.path, { raw: "bytes", headers: { [name]: asHeaderValue(value) } }).catch(() => undefined);
        record(`${operation.operationId} ${name}: ${label}`, answer?.status, enveloped(answer?.body));
      }
    }
    for (const { operation, name, example } of queries) {
      for (const [label, value] of STRINGS) {
        // A request line of more than 16 KB is refused by Node's parser; the framing cases send one.
        const query = { ...example, [name]: value.slice(0, 8192) };
        const answer = await emulator.call(operation.method.toUpperCase(), operation.path, { query }).catch(() => undefined);
        record(`${operation.operationId} ?${name} = ${label}`, answer?.status, enveloped(answer?.body));
      }
    }
    for (const [label, bytes] of FRAMING) {
      const { status, text } = await rawExchange(emulator.url, bytes);
      const body = text.slice(text.indexOf("\r\n\r\n") + 4);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      record(`framing: ${label}`, status, enveloped(parsed));
    }

    watching = false;
    await watcher;
    console.log(`hostile input: ${JSON.stringify(counts)}; slowest answer to a second client meanwhile: ${Math.round(slowest)} ms`);
    expect(failures).toEqual([]);
    expect(counts["5xx"]).toBe(0);
    expect((await emulator.api("GET", "/v1/lines")).status).toBe(200);
  });
});
