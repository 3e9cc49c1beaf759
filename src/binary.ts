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
 * What an upload body says about itself: a Blob's media type, and a File's name unless the caller
 * already named it.
 */
export function describedBy(body: unknown, given: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (body instanceof Blob && body.type) headers["Content-Type"] = body.type;
  if (body instanceof File && body.name && !(FILENAME in given)) headers[FILENAME] = body.name;
  return headers;
}
