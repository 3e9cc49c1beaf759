// A loopback HTTP server that records every request it gets and answers with `answer`.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const NOT_FOUND: Answer = {
  status: 404,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: { type: "not_found_error", code: "line_not_found", message: "Recorded." }, request_id: "req_recorded" }),
};

export async function startRecordingServer(answer: (request: RecordedRequest) => Answer = () => NOT_FOUND): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(request);
      const { status, headers, body: text } = answer(request);
      res.writeHead(status, headers).end(text ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
