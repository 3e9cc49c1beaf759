// Durability: the emulator, run from its CLI with --db, is killed with SIGKILL in the middle of a
// burst of sends and simulated inbound messages, several rounds on the same file. After each
// restart, every write it acknowledged with 201 is there.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";
import { CONTACT, KEY, SUPPORT, configWith } from "./harness.ts";

const ACKS_BEFORE_KILL = 200;
const CONCURRENCY = 16;
const ROUNDS = 3;

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

  /** Every message ID of the Support line's chat with the contact, page after page. */
  async function messageIds(url: string): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ from: SUPPORT, to: CONTACT, limit: "100", ...(cursor && { cursor }) });
      const page = (await (await fetch(`${url}/v1/messages?${query}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { data: { id: string }[]; next_cursor: string | null };
      for (const message of page.data) ids.add(message.id);
      cursor = page.next_cursor;
    } while (cursor);
    return ids;
  }

  /** Sends and simulates until ACKS_BEFORE_KILL are acknowledged, then SIGKILLs the emulator. */
  async function burstThenKill(running: Started, round: number): Promise<{ sent: string[]; simulated: string[] }> {
    const sent: string[] = [];
    const simulated: string[] = [];
    let killed = false;
    const sender = async (worker: number) => {
      for (let n = 0; ; n += 1) {
        // Half the workers send through /v1, half simulate inbound messages, interleaved, so the
        // simulated writes run while a group commit is open.
        const simulate = worker % 2 === 1;
        let response: Response;
        try {
          response = simulate
            ? await post(running.url, "/_emulator/inbound/messages", { line: SUPPORT, from: CONTACT, text: `inbound ${round}.${worker}.${n}` })
            : await post(running.url, "/v1/messages", { from: SUPPORT, to: CONTACT, text: `burst ${round}.${worker}.${n}` }, KEY);
        } catch {
          return; // the process is gone: this request was never acknowledged
        }
        if (response.status === 201) (simulate ? simulated : sent).push(((await response.json()) as { id: string }).id);
        if (sent.length + simulated.length >= ACKS_BEFORE_KILL && !killed) {
          killed = true;
          running.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, worker) => sender(worker)));
    await new Promise((resolve) => (running.child.exitCode === null && running.child.signalCode === null ? running.child.once("exit", resolve) : resolve(null)));
    expect(running.child.signalCode).toBe("SIGKILL");
    return { sent, simulated };
  }

  it(`loses none of the writes acknowledged with 201, sent or simulated, over ${ROUNDS} rounds`, async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-crash-"));
    const db = join(dir, "state.sqlite");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify(configWith((c) => void (c.rate_limit = { requests_per_hour: 1_000_000 }))));

    let running = await startCli(db, config);
    expect((await post(running.url, "/_emulator/inbound/messages", { line: SUPPORT, from: CONTACT, text: "Hi" })).status).toBe(201);
    const missing: string[] = [];
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const { sent, simulated } = await burstThenKill(running, round);
      expect(sent.length + simulated.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      expect(simulated.length).toBeGreaterThan(0);
      acknowledged += sent.length + simulated.length;
      running = await startCli(db, config);
      for (const id of sent) {
        const response = await fetch(`${running.url}/v1/outbox?id=${id}`, { headers: { authorization: `Bearer ${KEY}` } });
        if (response.status !== 200) missing.push(`round ${round}, ${id}: ${response.status}`);
      }
      const stored = await messageIds(running.url);
      missing.push(...simulated.filter((id) => !stored.has(id)).map((id) => `round ${round}, ${id}: not listed`));
    }
    running.child.kill("SIGTERM");
    console.log(`crash test: ${missing.length} of ${acknowledged} acknowledged writes lost over ${ROUNDS} SIGKILL rounds`);
    expect(missing).toEqual([]);
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
