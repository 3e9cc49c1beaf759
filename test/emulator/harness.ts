// Starts an emulator on a free port for a test and talks to it: `api()` for /v1 (every answer is
// checked against the bundle, so each test also tests the contract), `sim()` for /_emulator.
import { request } from "node:http";
import { startEmulator, type EmulatorConfig, type EmulatorOptions, type RunningEmulator } from "../../emulator/index.ts";
import { readConfigFile, DEFAULT_CONFIG_FILE } from "../../emulator/config.ts";
import { conformanceProblems, type WireResponse } from "./conformance.ts";

export const KEY = "sk_live_emulator";
export const READONLY_KEY = "sk_live_emulator_readonly";
export const SALES_KEY = "sk_live_emulator_sales";
export const SUPPORT = "+15551234567";
export const SALES = "+15557654321";
export const SANDBOX = "+15550100200";
export const CONTACT = "+15559876543";

/** The default config with some values changed. */
export function configWith(change: (config: EmulatorConfig) => void): EmulatorConfig {
  const config = readConfigFile(DEFAULT_CONFIG_FILE);
  change(config);
  return config;
}

// Tests read answers field by field; `api()` has validated them against the bundle's schemas first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

export interface Answer extends WireResponse {
  body: Body;
}

export interface CallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
  /** The raw body, sent as is (uploads, malformed JSON). */
  raw?: string | Uint8Array<ArrayBuffer>;
  /** The API key; null sends no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
}

export class TestEmulator {
  private constructor(
    readonly running: RunningEmulator,
    readonly url: string,
  ) {}

  static async start(options: EmulatorOptions = {}): Promise<TestEmulator> {
    const running = await startEmulator({ port: 0, ...options });
    return new TestEmulator(running, running.url);
  }

  /** Calls /v1 and fails the test if the answer does not conform to the spec. */
  async api(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const answer = await this.call(method, path, options);
    const problems = conformanceProblems(method, path, answer);
    if (problems.length > 0) throw new Error(`${method} ${path} → ${answer.status} breaks the spec:\n  ${problems.join("\n  ")}\n${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** Calls any path without checking the answer. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const url = new URL(path, this.url);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value));
    const key = options.key === undefined ? KEY : options.key;
    const headers: Record<string, string> = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(url, { method, headers, body, redirect: "manual" });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as Body) };
  }

  async sim(path: string, body?: unknown, method = body === undefined && !path.includes("flush") && !path.includes("reset") ? "GET" : "POST"): Promise<Answer> {
    return this.call(method, `/_emulator/${path}`, { body, key: null });
  }

  /** A contact writes to a line, which satisfies contact-first. */
  inbound(text = "Hello?", from = CONTACT, line = SUPPORT): Promise<Answer> {
    return this.sim("inbound/messages", { line, from, text });
  }

  close(): Promise<void> {
    return this.running.close();
  }
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { type: string; code: string; message: string }; request_id?: string } | undefined;
}

/** A request over node:http, which sends the Host and Origin it is given (fetch sets its own Host). */
export function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? (JSON.parse(text) as RawAnswer["body"]) : undefined });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
