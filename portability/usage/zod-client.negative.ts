// Must not compile, each line for the reason its directive names: [code: a fragment of the message].
import { createApiClient } from "../zod-client/client";

const api = createApiClient("https://api.messages.dev");

export function refused(): void {
  // @ts-expect-error [TS2345: '{ from: string; to: string; }'] a message needs text, an attachment, or both
  void api.sendMessage({ from: "+15551234567", to: "+15559876543" });
  // @ts-expect-error [TS2345: '{ from: string; text: string; }'] a message needs `to`
  void api.sendMessage({ from: "+15551234567", text: "Hi" });
  // @ts-expect-error [TS2322: '"message.deleted"'] webhook events are a closed enum
  void api.createWebhook({ url: "https://example.com/hook", events: ["message.deleted"] });
  // @ts-expect-error [TS2322: '"paused"'] the typing state is on or off
  void api.sendTypingIndicator({ from: "+15551234567", to: "+15559876543", state: "paused" });
  // @ts-expect-error [TS2353: 'DeepReadonlyObject<File>'] an upload's body is the bytes, not the uploaded file's metadata
  void api.uploadFile({ id: "file_p4o8i2u6y0t3r7e1", filename: "photo.jpg" });
}
