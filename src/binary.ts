// Upload bodies are raw bytes, sent exactly as given: never JSON-stringified.
import type { operations } from "../generated/schema.d.ts";

/** A Blob or File, an ArrayBuffer, a Uint8Array or Node Buffer, or a ReadableStream of bytes. */
export type BinaryBody = operations["uploadFile"]["requestBody"]["content"]["application/octet-stream"];

type UploadHeaders = NonNullable<operations["uploadFile"]["parameters"]["header"]>;
const FILENAME = "X-Filename" satisfies keyof UploadHeaders;

export const isBinaryBody = (body: unknown): body is BinaryBody =>
  body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof ReadableStream;

/** JSON for everything but raw bytes. */
export const serializeBody = (body: unknown): BinaryBody | string => (isBinaryBody(body) ? body : JSON.stringify(body));

/**
 * A header value can only carry bytes, so a name outside printable ASCII (`😀.png`, `café.jpg`) is
 * sent percent-encoded as UTF-8 (`%F0%9F%98%80.png`), the form RFC 8187 and `encodeURIComponent`
 * share. Whether the API decodes it is unconfirmed (see the X-Filename parameter).
 */
export const headerSafeName = (name: string): string => (/^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name));

/**
 * What an upload body says about itself: a Blob's media type, and a File's name unless the caller
 * already named it.
 */
export function describedBy(body: unknown, given: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (body instanceof Blob && body.type) headers["Content-Type"] = body.type;
  if (body instanceof File && body.name && !(FILENAME in given)) headers[FILENAME] = headerSafeName(body.name);
  return headers;
}
