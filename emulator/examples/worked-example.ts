// A customer writes in, your app replies, and the chat shows both: against the emulator, with
// nothing but fetch. Run it with `npx tsx emulator/examples/worked-example.ts` while
// `npm run emulator` is running.
import { env } from "node:process";

const base = env.EMULATOR_URL ?? "http://127.0.0.1:4020";
const headers = { authorization: "Bearer sk_live_emulator", "content-type": "application/json" };
const support = "+15551234567";
const customer = "+15559876543";

// 1. The customer texts the Support line. This also satisfies the contact-first rule.
await fetch(`${base}/_emulator/inbound/messages`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ line: support, from: customer, text: "Is my order on its way?" }),
});

// 2. Your app replies through the API, which answers 201 with an outbox item in `pending`.
const sent = await fetch(`${base}/v1/messages`, {
  method: "POST",
  headers,
  body: JSON.stringify({ from: support, to: customer, text: "Yes! It ships today." }),
});
const queued = (await sent.json()) as { id: string; status: string };
console.log(`${sent.status} ${queued.status} ${queued.id}`);

// 3. Deliver what is queued now (left alone, the emulator delivers it within about 150 ms).
await fetch(`${base}/_emulator/outbox/flush`, { method: "POST" });

// 4. List the chat, newest first: the reply (with the outbox item's ID), then the question.
const query = new URLSearchParams({ from: support, to: customer });
const chat = (await (await fetch(`${base}/v1/messages?${query}`, { headers })).json()) as {
  data: { text: string | null; is_from_me: boolean; outbox_id: string | null }[];
};
for (const message of chat.data) console.log(`${message.is_from_me ? "line    " : "customer"}: ${message.text}`);
