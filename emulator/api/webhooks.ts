import { randomBytes } from "node:crypto";
import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { sql } from "../state/db.ts";
import { assertLineAccess, usableLine } from "../state/lookups.ts";
import { toWebhook } from "../state/resources.ts";
import type { WebhookRow } from "../state/rows.ts";
import { rowsWhere } from "../state/pagination.ts";
import { listReply } from "./lists.ts";

export const listWebhooks: Handler = (request, emulator) => {
  const line = usableLine(emulator.db, request.key, request.query.string("from"));
  return listReply(emulator, request, rowsWhere<WebhookRow>("webhooks", "line_id", line.id, "seq", toWebhook));
};

/** The secret is in this response and nowhere else. */
export const createWebhook: Handler = async (request, emulator) => {
  const line = usableLine(emulator.db, request.key, request.body.string("from"));
  const url = request.body.string("url");
  if (emulator.config.readings.webhook_urls === "https_only" && !url.startsWith("https://")) {
    throw new ApiError("invalid_parameter_value", "url", "The 'url' parameter must be an HTTPS URL.");
  }
  const row = {
    id: newId("WebhookId"),
    line_id: line.id,
    url,
    events: JSON.stringify(request.body.strings("events")),
    secret: `whsec_${randomBytes(16).toString("hex")}`,
    is_active: 1,
  };
  await emulator.commits.run(() =>
    sql(emulator.db, "INSERT INTO webhooks (id, line_id, url, events, secret, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
      row.id, row.line_id, row.url, row.events, row.secret, row.is_active, emulator.clock.now(),
    ),
  );
  return { body: { ...toWebhook(row as WebhookRow), secret: row.secret } };
};

/** Deletes the webhook and cancels its deliveries that have not gone through yet. */
export const deleteWebhook: Handler = async (request, emulator) => {
  const id = request.body.string("id");
  const webhook = sql(emulator.db, "SELECT * FROM webhooks WHERE id = ?").get(id) as WebhookRow | undefined;
  if (!webhook) throw new ApiError("webhook_not_found", "id");
  assertLineAccess(emulator.db, request.key, webhook.line_id, "id");
  await emulator.commits.run(() => {
    sql(emulator.db, "DELETE FROM webhooks WHERE id = ?").run(id);
    sql(emulator.db, "UPDATE deliveries SET status = 'cancelled' WHERE webhook_id = ? AND status = 'pending'").run(id);
  });
  return { body: { id, deleted: true } };
};
