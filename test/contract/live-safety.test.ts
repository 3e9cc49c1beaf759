// The live target, run the way the API team runs it (the CLI), against a loopback server that
// records every request: no key, no run; a key without the write opt-in, no write; and the key
// never in what the run prints or writes.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";
import { startRecordingServer, type RecordingServer } from "./recording-server.ts";

const KEY = "sk_live_Secr3tContractKey";

interface CliRun {
  code: number | null;
  output: string;
  reports: string;
}

let server: RecordingServer | undefined;
const scratch: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs `npm run contract -- --target live` with only the given environment (no inherited key). */
async function contractLive(env: Record<string, string>, args: string[] = []): Promise<CliRun> {
  const reportsDir = await mkdtemp(join(tmpdir(), "contract-live-"));
  scratch.push(reportsDir);
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ["contract-tests/cli.ts", "--target", "live", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CONTRACT_REPORTS_DIR: reportsDir, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const files = await readdir(reportsDir);
  const reports = (await Promise.all(files.map((file) => readFile(join(reportsDir, file), "utf8")))).join("\n");
  return { code, output, reports };
}

/** A recorded JSON body; the malformed ones of the negative cases read as empty. */
function json(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A 57-character key, with characters that percent-encoding, JSON and base64 each change. */
const ECHOED_KEY = 'sk_live_A1b2+C3d4/E5f6"G7h8\\I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W';

/** Every form a server could echo `key` in, each at least 8 characters long. */
function echoedForms(key: string): Record<string, string> {
  const base64 = (shift: number) => Buffer.concat([Buffer.alloc(shift, "x"), Buffer.from(key)]).toString("base64");
  return {
    start: key.slice(0, 12),
    middle: key.slice(20, 30),
    end: key.slice(-9),
    percent: encodeURIComponent(key),
    json: JSON.stringify(key).slice(1, -1),
    base64: base64(0),
    base64Shift1: base64(1),
    base64Shift2: base64(2),
    base64url: base64(1).replaceAll("+", "-").replaceAll("/", "_"),
  };
}

/**
 * Where a form of `key` survives in `text`: any 8 characters of the encoded key's stable core, but
 * for its documented public prefix alone, `sk_live_`.
 */
function leaks(text: string, key: string): string[] {
  const forms = Object.entries(echoedForms(key)).map(([name, form]) => [name, name.startsWith("base64") ? form.slice(4, -4) : form] as const);
  return forms.flatMap(([name, form]) =>
    Array.from({ length: form.length - 7 }, (_, i) => form.slice(i, i + 8)).filter((run) => run !== "sk_live_" && text.includes(run)).map((run) => `${name}: ${run}`),
  );
}

/** A body with the key straddling the 120- and 200-character excerpt cuts, then in every other form. */
function echoingBody(key: string): string {
  const straddling = `${"p".repeat(100)}${key}`.padEnd(180, "q") + key;
  return [straddling, ...Object.values(echoedForms(key))].join(" ");
}

describe("the contract run against live", () => {
  it("fails fast without MESSAGES_API_KEY, saying how to set it, and sends nothing", async () => {
    server = await startRecordingServer();
    const { code, output } = await contractLive({ CONTRACT_BASE_URL: server.url });
    expect(code).toBe(2);
    expect(output).toContain("The live target needs an API key: set MESSAGES_API_KEY");
    expect(server.requests).toEqual([]);
  });

  it("with a key but no write opt-in, sends only GETs, with that key, and never prints or writes the key", async () => {
    server = await startRecordingServer();
    const { output, reports } = await contractLive({ CONTRACT_BASE_URL: server.url, MESSAGES_API_KEY: KEY });
    expect(server.requests.length).toBeGreaterThan(20);
    expect(new Set(server.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
    expect(server.requests.filter((r) => r.headers.authorization).every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(output).toContain("writes are off against live");
    // What only the emulator can stage is not tried, and the report says so against each response it leaves unobserved.
    expect(output).toMatch(/\| `sendMessage` \| 403 \| `sandbox_not_activated` \| emulator-only: needs the emulator's simulation endpoints/);
    expect(output).toMatch(/\| `listLines` \| 500 \| `server_error` \| emulator-only: /);
    expect(output).not.toContain(KEY);
    expect(reports).toContain("Bearer [redacted]");
    expect(reports).not.toContain(KEY);
  });

  it("with the write opt-in, also writes, but only from CONTRACT_FROM to CONTRACT_TO, and deletes the webhooks it creates", async () => {
    let webhooks = 0;
    server = await startRecordingServer((request) =>
      request.method === "POST" && request.url === "/v1/webhooks"
        ? { status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify({ id: `wh_created${++webhooks}` }) }
        : { status: 404, headers: { "content-type": "application/json" }, body: "{}" },
    );
    const env = { CONTRACT_BASE_URL: server.url, MESSAGES_API_KEY: KEY, CONTRACT_ALLOW_WRITES: "1", CONTRACT_FROM: "+15550001111", CONTRACT_TO: "+15550002222" };
    const { output } = await contractLive(env);
    expect(output).not.toContain(KEY);
    const writes = server.requests.filter((r) => r.method !== "GET");
    expect(writes.length).toBeGreaterThan(10);
    const sends = writes.filter((r) => ["/v1/messages", "/v1/reactions", "/v1/typing", "/v1/receipts", "/v1/audio-messages"].includes(r.url));
    const addressed = sends.map((r) => json(r.body)).filter((body) => typeof body.from === "string" && typeof body.to === "string");
    expect(addressed.length).toBeGreaterThan(0);
    expect(addressed.every((body) => body.from === "+15550001111" && body.to === "+15550002222")).toBe(true);
    const created = writes.filter((r) => r.method === "POST" && r.url === "/v1/webhooks").map((r) => json(r.body)).filter((body) => typeof body.url === "string");
    expect(created.every((body) => String(body.url).startsWith("https://example.invalid/"))).toBe(true);
    const deleted = writes.filter((r) => r.method === "DELETE").map((r) => json(r.body).id);
    expect(deleted).toEqual(expect.arrayContaining(Array.from({ length: webhooks }, (_, i) => `wh_created${i + 1}`)));
  });

  it("never prints or writes a key the server echoes, whole, in part, encoded, or cut at an excerpt's edge", async () => {
    server = await startRecordingServer(() => ({ status: 200, headers: { "content-type": "application/json", "x-echo": ECHOED_KEY }, body: echoingBody(ECHOED_KEY) }));
    const { output, reports } = await contractLive({ CONTRACT_BASE_URL: server.url, MESSAGES_API_KEY: ECHOED_KEY }, ["--probe"]);
    expect(server.requests.length).toBeGreaterThan(20);
    expect(leaks(echoingBody(ECHOED_KEY), ECHOED_KEY).length).toBeGreaterThan(100);
    expect(reports).toContain("[redacted]");
    expect({ output: leaks(output, ECHOED_KEY), reports: leaks(reports, ECHOED_KEY) }).toEqual({ output: [], reports: [] });
  });

  it("stops at CONTRACT_MAX_REQUESTS and reports what it could not check", async () => {
    server = await startRecordingServer();
    const { output } = await contractLive({ CONTRACT_BASE_URL: server.url, MESSAGES_API_KEY: KEY, CONTRACT_MAX_REQUESTS: "5" });
    expect(server.requests).toHaveLength(5);
    expect(output).toContain("the request cap of 5 per run is reached (CONTRACT_MAX_REQUESTS)");
  });
});
