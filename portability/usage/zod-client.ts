// Must compile: what an integrator writes against the Zodios client and zod schemas that
// openapi-zod-client generates from generated/openapi.json.
import { z } from "zod";
import { createApiClient, schemas } from "../zod-client/client";

const api = createApiClient("https://api.messages.dev", { axiosConfig: { headers: { Authorization: "Bearer sk_live_example" } } });

const line = "+15551234567";
const contact = "+15559876543";

export async function sendText(): Promise<string> {
  const queued = await api.sendMessage({ from: line, to: contact, text: "Yes! It ships today." });
  return queued.id;
}

export async function sendAttachment(): Promise<void> {
  await api.sendMessage({ from: line, to: contact, attachments: ["file_p4o8i2u6y0t3r7e1"] });
}

export async function everyText(): Promise<Array<string | null>> {
  const texts: Array<string | null> = [];
  let cursor: string | undefined;
  do {
    const page = await api.listMessages({ queries: { from: line, to: contact, limit: 100, cursor } });
    texts.push(...page.data.map((message) => message.text ?? null));
    cursor = page.has_more && page.next_cursor !== null ? page.next_cursor : undefined;
  } while (cursor !== undefined);
  return texts;
}

export async function uploadPhoto(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const file = await api.uploadFile(new File([bytes], "photo.jpg", { type: "image/jpeg" }), { headers: { "X-Filename": "photo.jpg" } });
  return file.size;
}

/** A timestamp parsed by the generated zod schema is a number, which JSON.stringify can write. */
export function sentAt(json: unknown): number {
  const message: z.infer<typeof schemas.Message> = schemas.Message.parse(json);
  return message.sent_at;
}
