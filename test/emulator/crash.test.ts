// Durability: the emulator, run from its CLI with --db, is killed with SIGKILL in the middle of a
// burst of sends. After a restart on the same file, every write it acknowledged with 201 is there.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";
import { CONTACT, KEY, SUPPORT, configWith } from "./harness.ts";

const ACKS_BEFORE_KILL = 200;
const CONCURRENCY = 16;

interface Started {
  child: ChildProcess;
  url: string;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function startCli(db: string, config: string): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--port", "0", "--db", db, "--config", config], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const url = /Emulator listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`The emulator exited with ${code} before listening:\n${output}`)));
  });
}

const post = (url: string, path: string, body: unknown, key?: string) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify(body),
  });

describe("a crash during a burst of sends", () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loses none of the writes acknowledged with 201", async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-crash-"));
    const db = join(dir, "state.sqlite");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify(configWith((c) => void (c.rate_limit = { requests_per_hour: 1_000_000 }))));

    const first = await startCli(db, config);
    expect((await post(first.url, "/_emulator/inbound/messages", { line: SUPPORT, from: CONTACT, text: "Hi" })).status).toBe(201);

    const acknowledged: string[] = [];
    let killed = false;
    const sender = async () => {
      for (let n = 0; ; n += 1) {
        let response: Response;
        try {
          response = await post(first.url, "/v1/messages", { from: SUPPORT, to: CONTACT, text: `burst ${n}` }, KEY);
        } catch {
          return; // the process is gone: this request was never acknowledged
        }
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        if (acknowledged.length >= ACKS_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once("exit", resolve) : resolve(null)));
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const second = await startCli(db, config);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const response = await fetch(`${second.url}/v1/outbox?id=${id}`, { headers: { authorization: `Bearer ${KEY}` } });
        if (response.status !== 200) missing.push(`${id}: ${response.status}`);
      }
      expect(missing).toEqual([]);
    } finally {
      second.child.kill("SIGTERM");
    }
  });

  it("a write never acknowledged is not found (the check above can fail)", async () => {
    const db = join(dir, "state.sqlite");
    const second = await startCli(db, join(dir, "config.json"));
    try {
      const response = await fetch(`${second.url}/v1/outbox?id=obx_neveracknowledged`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(response.status).toBe(404);
    } finally {
      second.child.kill("SIGTERM");
    }
  });
});
