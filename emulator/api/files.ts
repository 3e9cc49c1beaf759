import { randomUUID } from "node:crypto";
import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { insertFile } from "../state/records.ts";
import { fileForKey, storageUrl } from "../state/lookups.ts";
import { toFile } from "../state/resources.ts";
import type { FileRow } from "../state/rows.ts";

const DEFAULT_MEDIA_TYPE = "application/octet-stream";

/** Stores the raw body; the size limit is enforced while the body is read. */
export const uploadFile: Handler = async (request, emulator) => {
  const bytes = request.raw ?? Buffer.alloc(0);
  if (bytes.length === 0) throw new ApiError("empty_file");
  const file = {
    id: newId("FileId"),
    token: randomUUID(),
    filename: request.headers.optional("X-Filename") ?? null,
    mime_type: request.contentType?.split(";")[0]?.trim() || DEFAULT_MEDIA_TYPE,
    size: bytes.length,
  };
  await emulator.commits.run(() => insertFile(emulator.db, { ...file, bytes, created_at: emulator.clock.now(), uploaded_by: request.key.key }));
  return { body: toFile(file as FileRow, storageUrl(emulator, file)) };
};

/**
 * Redirects to the emulator's storage URL, which serves the bytes without an API key. A file the
 * key may not see is answered as missing, so a restricted key learns nothing about other lines.
 */
export const getFile: Handler = (request, emulator) => {
  const file = fileForKey(emulator.db, request.key, request.query.string("id"));
  if (!file) throw new ApiError("file_not_found", "id");
  return { headers: { Location: storageUrl(emulator, file) } };
};
