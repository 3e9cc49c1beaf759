import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { sql } from "../state/db.ts";
import { assertLineAccess } from "../state/lookups.ts";
import { toOutboxItem } from "../state/resources.ts";
import type { OutboxRow } from "../state/rows.ts";

export const getOutboxItem: Handler = (request, emulator) => {
  const row = sql(emulator.db, "SELECT * FROM outbox WHERE id = ?").get(request.query.string("id")) as OutboxRow | undefined;
  if (!row) throw new ApiError("outbox_item_not_found", "id");
  assertLineAccess(emulator.db, request.key, row.line_id, "id");
  return { body: toOutboxItem(row) };
};
