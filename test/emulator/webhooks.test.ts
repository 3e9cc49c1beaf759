// Webhook deliveries against a local receiver, on the emulator's frozen clock: time only moves
// when the test advances it, and each advance runs every attempt that became due before it returns.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { schemaValidator } from "./conformance.ts";
import { CONTACT, SALES, SUPPORT, TestEmulator, configWith } from "./harness.ts";

interface Arrival {
  /** The path and query it was POSTed to. */
  url: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver that answers with the statuses it is given, in turn, then 200. */
class Receiver {
  readonly arrivals: Arrival[] = [];
  private server: Server | undefined;
  statuses: number[] = [];
  port = 0;

  async up(port = 0, answer = true): Promise<this> {
    this.server = createServer((request, response) => {
      let raw = "";
      request.on("data", (chunk: Buffer) => (raw += chunk));
      request.on("end", () => {
        this.arrivals.push({ url: request.url ?? "", headers: request.headers, raw });
        if (answer) response.writeHead(this.statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async down(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Delivery IDs of the deliveries it acknowledged with a 2xx. */
  deliveryIds(): string[] {
    return this.arrivals.map((arrival) => String(arrival.headers["x-webhook-delivery-id"]));
  }
}

const EVENT_SCHEMA: Record<string, string> = {
  "message.received": "MessageReceivedEvent",
  "message.sent": "MessageSentEvent",
  "reaction.added": "ReactionAddedEvent",
  "reaction.removed": "ReactionRemovedEvent",
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(webhooks: { max_attempts?: number; timeout_ms?: number } = {}) {
  const emulator = await TestEmulator.start({
    config: configWith((c) => void (c.webhooks = { backoff_ms: 1000, max_backoff_ms: 60_000, max_attempts: 6, timeout_ms: 2000, ...webhooks })),
  });
  const receiver = new Receiver();
  cleanups.push(() => emulator.close(), () => receiver.down());
  await emulator.sim("clock", { freeze: true });
  return { emulator, receiver };
}

async function subscribe(emulator: TestEmulator, url: string): Promise<string> {
  const { body } = await emulator.api("POST", "/v1/webhooks", { body: { from: SUPPORT, url, events: Object.keys(EVENT_SCHEMA) } });
  return body.secret as string;
}

/** A message in, a tapback on it, and a reply sent: message.received, reaction.added, message.sent. */
async function threeEvents(emulator: TestEmulator): Promise<void> {
  const { body: message } = await emulator.inbound();
  await emulator.sim("inbound/reactions", { line: SUPPORT, from: CONTACT, message_id: message.id, type: "love" });
  await emulator.api("POST", "/v1/messages", { body: { from: SUPPORT, to: CONTACT, text: "On its way" } });
  await emulator.sim("outbox/flush");
}

const deliveries = async (emulator: TestEmulator) => (await emulator.sim("webhook-deliveries")).body.data as { delivery_id: string; attempts: number; status: string; last_status_code: number | null }[];
const advance = (emulator: TestEmulator, ms: number) => emulator.sim("clock", { advance_ms: ms });

describe("webhook deliveries", () => {
  it("delivers each event once, signed over `${timestamp}.${body}`, in the event's documented shape", async () => {
    const { emulator, receiver } = await setUp();
    await receiver.up();
    const secret = await subscribe(emulator, receiver.url);
    await threeEvents(emulator);
    await advance(emulator, 0);
    expect(receiver.arrivals).toHaveLength(3);
    for (const { headers, raw } of receiver.arrivals) {
      const timestamp = String(headers["x-webhook-timestamp"]);
      expect(headers["x-webhook-signature"]).toBe(createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex"));
      const body = JSON.parse(raw) as { event: string; delivery_id: string; timestamp: number };
      expect(body.delivery_id).toBe(headers["x-webhook-delivery-id"]);
      expect(String(body.timestamp)).toBe(timestamp);
      expect(schemaValidator.validate(`#/components/schemas/${EVENT_SCHEMA[body.event]}`, body)).toEqual([]);
    }
    expect(receiver.arrivals.map((a) => (JSON.parse(a.raw) as { event: string }).event).sort()).toEqual(["message.received", "message.sent", "reaction.added"]);
  });

  it("delivers the events of every line to a webhook created without a line, and of one line to a line's webhook", async () => {
    const { emulator, receiver } = await setUp();
    await receiver.up();
    await emulator.api("POST", "/v1/webhooks", { body: { url: `${receiver.url}?all`, events: ["message.received"] } });
    await emulator.api("POST", "/v1/webhooks", { body: { from: SUPPORT, url: `${receiver.url}?support`, events: ["message.received"] } });
    await emulator.inbound("To Support", CONTACT, SUPPORT);
    await emulator.inbound("To Sales", CONTACT, SALES);
    await advance(emulator, 0);
    const got = receiver.arrivals.map((a) => `${a.url} ${(JSON.parse(a.raw) as { data: { text: string } }).data.text}`).sort();
    expect(got).toEqual(["/hook?all To Sales", "/hook?all To Support", "/hook?support To Support"]);
  });

  it("a signature made with another secret does not match", async () => {
    const { emulator, receiver } = await setUp();
    await receiver.up();
    await subscribe(emulator, receiver.url);
    await emulator.inbound();
    await advance(emulator, 0);
    const [{ headers, raw }] = receiver.arrivals as [Arrival];
    expect(headers["x-webhook-signature"]).not.toBe(createHmac("sha256", "whsec_other").update(`${String(headers["x-webhook-timestamp"])}.${raw}`).digest("hex"));
  });

  it("retries while the receiver is down, then delivers each delivery ID exactly once when it comes up", async () => {
    const { emulator, receiver } = await setUp();
    await receiver.up();
    const port = receiver.port;
    await receiver.down();
    await subscribe(emulator, `http://127.0.0.1:${port}/hook`);
    await threeEvents(emulator);
    await advance(emulator, 0);
    const failedOnce = await deliveries(emulator);
    expect(failedOnce.map((d) => [d.attempts, d.status, d.last_status_code])).toEqual([[1, "pending", null], [1, "pending", null], [1, "pending", null]]);

    await receiver.up(port);
    await advance(emulator, 999);
    expect(receiver.arrivals).toEqual([]);
    await advance(emulator, 1);
    expect(receiver.deliveryIds().sort()).toEqual(failedOnce.map((d) => d.delivery_id).sort());

    await advance(emulator, 3_600_000);
    expect(receiver.deliveryIds()).toHaveLength(3);
    expect((await deliveries(emulator)).map((d) => [d.attempts, d.status, d.last_status_code])).toEqual([[2, "delivered", 200], [2, "delivered", 200], [2, "delivered", 200]]);
  });

  it("retries a delivery answered with a 5xx, keeping its delivery ID", async () => {
    const { emulator, receiver } = await setUp();
    await receiver.up();
    receiver.statuses = [503];
    await subscribe(emulator, receiver.url);
    await emulator.inbound();
    await advance(emulator, 0);
    await advance(emulator, 1000);
    const [first, second] = receiver.deliveryIds();
    expect(second).toBe(first);
    expect((await deliveries(emulator))[0]).toMatchObject({ attempts: 2, status: "delivered", last_status_code: 200 });
  });

  it("counts a receiver that never answers as a failed attempt", async () => {
    const { emulator, receiver } = await setUp({ timeout_ms: 100 });
    await receiver.up(0, false);
    await subscribe(emulator, receiver.url);
    await emulator.inbound();
    await advance(emulator, 0);
    expect((await deliveries(emulator))[0]).toMatchObject({ attempts: 1, status: "pending", last_status_code: null });
  });

  it("gives up after max_attempts, with backoff doubling between them", async () => {
    const { emulator, receiver } = await setUp({ max_attempts: 3 });
    await receiver.up();
    receiver.statuses = [500, 500, 500, 500];
    await subscribe(emulator, receiver.url);
    await emulator.inbound();
    await advance(emulator, 0);
    await advance(emulator, 1000);
    await advance(emulator, 1999);
    expect(receiver.arrivals).toHaveLength(2);
    await advance(emulator, 1);
    expect(receiver.arrivals).toHaveLength(3);
    await advance(emulator, 3_600_000);
    expect(receiver.arrivals).toHaveLength(3);
    expect((await deliveries(emulator))[0]).toMatchObject({ attempts: 3, status: "failed", last_status_code: 500 });
  });
});
