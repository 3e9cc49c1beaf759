// Must compile: what an integrator writes against the @hey-api/openapi-ts fetch client and zod
// schemas generated from generated/openapi.json.
import { client } from "../hey-api/client.gen";
import { listMessages, sendMessage, uploadFile } from "../hey-api/sdk.gen";
import { zMessage } from "../hey-api/zod.gen";

client.setConfig({ baseUrl: "https://api.messages.dev", auth: () => "sk_live_example" });

const line = "+15551234567";
const contact = "+15559876543";

export async function sendText(): Promise<string> {
  const { data } = await sendMessage({ body: { from: line, to: contact, text: "Yes! It ships today." }, throwOnError: true });
  return data.id;
}

export async function sendAttachment(): Promise<void> {
  await sendMessage({ body: { from: line, to: contact, attachments: ["file_p4o8i2u6y0t3r7e1"] }, throwOnError: true });
}

export async function everyText(): Promise<Array<string | null>> {
  const texts: Array<string | null> = [];
  let cursor: string | undefined;
  do {
    const { data: page } = await listMessages({ query: { from: line, to: contact, limit: 100, cursor }, throwOnError: true });
    texts.push(...page.data.map((message) => message.text ?? null));
    cursor = page.has_more && page.next_cursor !== null ? page.next_cursor : undefined;
  } while (cursor !== undefined);
  return texts;
}

export async function uploadPhoto(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const { data: file } = await uploadFile({ body: new Blob([bytes], { type: "image/jpeg" }), headers: { "X-Filename": "photo.jpg" }, throwOnError: true });
  return file.size;
}

/** A timestamp parsed by the generated zod schema is a number, which JSON.stringify can write. */
export function sentAt(json: unknown): number {
  return zMessage.parse(json).sent_at;
}
