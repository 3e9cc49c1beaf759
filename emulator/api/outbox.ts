import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { assertLineAccess } from "../state/lookups.ts";
import { outboxItemById } from "../state/outbox.ts";
import { toOutboxItem } from "../state/resources.ts";

export const getOutboxItem: Handler = (request, emulator) => {
  const row = outboxItemById(emulator.db, request.query.string("id"));
  if (!row) throw new ApiError("outbox_item_not_found", "id");
  assertLineAccess(emulator.db, request.key, row.line_id, "id");
  return { body: toOutboxItem(row) };
};
