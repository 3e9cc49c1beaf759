// A type-check fixture: `npm run typecheck` compiles it (strict, noUncheckedIndexedAccess) and it is
// never run. Each @ts-expect-error line proves the generated types refuse a mistake: tsc fails if
// the line after it compiles.
import {
  createClient,
  listMessages,
  paginate,
  sendMessage,
  sendReaction,
  uploadFile,
  type MessagesError,
} from "../../src/index.ts";
import { useListMessages, useSendMessage } from "../../src/react.ts";
import { buildWebhookDelivery, verifyWebhook } from "../../src/webhooks.ts";
import { SendMessageBody } from "../../src/zod.ts";
import type { ReactionType } from "../../generated/models.ts";
import type { components } from "../../generated/schema.d.ts";

const from = "+15551234567";
const to = "+15559876543";

export async function typedClient(): Promise<void> {
  const client = createClient({ apiKey: "sk_live_…" });
  const { data } = await client.GET("/v1/messages", { params: { query: { from, to, limit: 20 } } });
  const first: string | null | undefined = data?.data[0]?.text;
  await client.POST("/v1/messages", { body: { from, to, text: first ?? "Hi" } });

  // @ts-expect-error a path the API does not have
  await client.GET("/v1/message", {});
  // @ts-expect-error a method the path does not have
  await client.DELETE("/v1/lines", {});
  // @ts-expect-error `from` is required
  await client.POST("/v1/messages", { body: { to, text: "Hi" } });
  // @ts-expect-error `to` is a required query parameter
  await client.GET("/v1/messages", { params: { query: { from } } });
  // @ts-expect-error a reaction type is a string, not a number
  await client.POST("/v1/reactions", { body: { from, to, message_id: "msg_a8s2d6f0g4h1j5k9", type: 1 } });
}

export async function namedFunctions(): Promise<void> {
  const queued = await sendMessage({ from, to, text: "Hi" });
  const status: "pending" = queued.status;
  await sendMessage({ from, to, attachments: [(await uploadFile(new Uint8Array([1]))).id] });
  for await (const message of paginate(listMessages, { from, to })) message.sent_at.toFixed();
  void status;

  // @ts-expect-error `from` is required
  await sendMessage({ to, text: "Hi" });
  // @ts-expect-error a message needs text, an attachment, or both
  await sendMessage({ from, to });
  await sendReaction({ from, to, message_id: "msg_a8s2d6f0g4h1j5k9", type: "🎉" });
  // @ts-expect-error the message to react to is required
  await sendReaction({ from, to, type: "love" });
  // @ts-expect-error `to` is a required query parameter
  await listMessages({ from });
  // @ts-expect-error an upload is raw bytes, not JSON
  await uploadFile({ name: "photo.jpg" });
}

export function hooks(): void {
  const messages = useListMessages({ from, to });
  const error: MessagesError | Error | null = messages.error;
  void error;
  useSendMessage().mutate({ data: { from, to, text: "Hi" } });

  // @ts-expect-error `from` is required
  useSendMessage().mutate({ data: { to, text: "Hi" } });
  // @ts-expect-error `to` is a required query parameter
  useListMessages({ from });
}

export async function webhooks(body: string, headers: Headers): Promise<void> {
  const event = await verifyWebhook(body, headers, "whsec_…");
  if (event.event === "reaction.added") event.data.type.toUpperCase();
  // @ts-expect-error a message event has no `added`: the union is discriminated on `event`
  if (event.event === "message.received") void event.data.added;

  if (event.event === "message.received") await buildWebhookDelivery("message.received", event.data, "whsec_…");
  // @ts-expect-error the data of another event
  if (event.event === "reaction.added") await buildWebhookDelivery("message.received", event.data, "whsec_…");
  // @ts-expect-error not an event the API sends
  await buildWebhookDelivery("typing.started", {}, "whsec_…");
}

export function zodSchemas(): void {
  const parsed = SendMessageBody.parse({ from, to, text: "Hi" });
  // @ts-expect-error the parsed body has no such field
  void parsed.subject;
}

/** The literal members of a union, without the `string & {}` that keeps it open. */
type NamedMembers<T extends string> = keyof { [K in T as string extends K ? never : K]: true };
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const TAPBACKS = ["love", "like", "dislike", "laugh", "emphasize", "question"] as const;

// The six tapbacks stay in the type, so editors offer them, in both generated type sets; the type
// is not collapsed to `string` (whose named members would be `never`), and an emoji (any string) is still accepted.
export const tapbacksAreOffered: [
  Equal<NamedMembers<ReactionType>, (typeof TAPBACKS)[number]>,
  Equal<NamedMembers<components["schemas"]["ReactionType"]>, (typeof TAPBACKS)[number]>,
] = [true, true];
export const anEmojiIsAReactionType: ReactionType = "🎉" satisfies string;
export const anyStringIsAReactionType = (type: string): components["schemas"]["ReactionType"] => type;
