// Must not compile, each line for the reason its directive names: [code: a fragment of the message].
import { createWebhook, sendMessage, sendTypingIndicator, uploadFile } from "../hey-api/sdk.gen";

export function refused(): void {
  // @ts-expect-error [TS2322: 'SendMessageRequest'] a message needs text, an attachment, or both
  void sendMessage({ body: { from: "+15551234567", to: "+15559876543" } });
  // @ts-expect-error [TS2322: 'SendMessageRequest'] a message needs `to`
  void sendMessage({ body: { from: "+15551234567", text: "Hi" } });
  // @ts-expect-error [TS2322: '"message.deleted"'] webhook events are a closed enum
  void createWebhook({ body: { url: "https://example.com/hook", events: ["message.deleted"] } });
  // @ts-expect-error [TS2322: '"paused"'] the typing state is on or off
  void sendTypingIndicator({ body: { from: "+15551234567", to: "+15559876543", state: "paused" } });
  // @ts-expect-error [TS2353: 'Blob | File'] an upload's body is the bytes, not the uploaded file's metadata
  void uploadFile({ body: { id: "file_p4o8i2u6y0t3r7e1", filename: "photo.jpg" } });
}
