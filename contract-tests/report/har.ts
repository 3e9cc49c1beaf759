// Every exchange of a run as a HAR 1.2 log, loadable in browser dev tools and HAR viewers. The
// API key never reaches the file: Authorization values and every secret are redacted.
import type { Exchange } from "../http-client.ts";
import { REDACTED, redactDeep } from "./redact.ts";

const REDACTED_HEADERS = new Set(["authorization", "cookie", "set-cookie"]);

export function toHar(exchanges: readonly Exchange[], secrets: readonly string[]): object {
  const headers = (all: Record<string, string> | undefined) =>
    Object.entries(all ?? {}).map(([name, value]) => ({
      name,
      value: REDACTED_HEADERS.has(name.toLowerCase()) ? value.replace(/^(\w+\s+)?.*$/, `$1${REDACTED}`) : value,
    }));
  const entries = exchanges.map(({ label, url, request, response, startedAt, durationMs }) => {
    const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === "content-type")?.[1];
    const body = request.body;
    return {
      comment: label,
      startedDateTime: startedAt.toISOString(),
      time: Math.round(durationMs),
      request: {
        method: request.method,
        url,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: headers(request.headers),
        queryString: Object.entries(request.query ?? {}).map(([name, value]) => ({ name, value })),
        ...(body !== undefined && {
          postData:
            typeof body === "string"
              ? { mimeType: contentType ?? "", text: body }
              : { mimeType: contentType ?? "", text: Buffer.from(body).toString("base64"), _encoding: "base64" },
        }),
        headersSize: -1,
        bodySize: body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: headers(response.headers),
        content: { size: Buffer.byteLength(response.text), mimeType: response.headers["content-type"] ?? "", text: response.text },
        redirectURL: response.headers.location ?? "",
        headersSize: -1,
        bodySize: Buffer.byteLength(response.text),
      },
      cache: {},
      timings: { send: 0, wait: Math.round(durationMs), receive: 0 },
    };
  });
  const log = { log: { version: "1.2", creator: { name: "messages.dev contract tests", version: "1" }, entries } };
  return redactDeep(log, secrets);
}
