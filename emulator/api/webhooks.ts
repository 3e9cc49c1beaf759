import { randomBytes } from "node:crypto";
import type { Handler } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { deleteWebhookAndPending, insertWebhook, webhookById } from "../state/webhooks.ts";
import { assertLineAccess, usableLine } from "../state/lookups.ts";
import { ALL_LINES, toWebhook, webhookLineIds } from "../state/resources.ts";
import type { WebhookRow } from "../state/rows.ts";
import type { Db } from "../state/db.ts";
import type { ApiKey } from "../config.ts";
import { listReply } from "./lists.ts";

const resource = (db: Db) => (row: WebhookRow) => toWebhook(row, webhookLineIds(db, row));

/** A line's webhooks, with those that receive every line. */
export const listWebhooks: Handler = (request, emulator) => {
  const line = usableLine(emulator.db, request.key, request.query.string("from"));
  return listReply(emulator, request, {
    list: `webhooks:${line.id}`,
    select: "SELECT * FROM webhooks WHERE line_id IN (?, ?)",
    args: [line.id, ALL_LINES],
    sortBy: "seq",
    sortValue: (row: WebhookRow) => row.seq,
    toResource: resource(emulator.db),
  });
};

/**
 * Without `from` (or with `""`), the webhook receives every line's events. Only a key that may use
 * every line can create one; a line-restricted key must name its line.
 */
function subscribedLine(db: Db, key: ApiKey, from: string | undefined): string {
  if (from) return usableLine(db, key, from).id;
  if (key.lines !== undefined) throw new ApiError("line_not_accessible", "from", "This key is restricted to some lines: name one in 'from'.");
  return ALL_LINES;
}

/** The secret is in this response and nowhere else. */
export const createWebhook: Handler = async (request, emulator) => {
  const url = request.body.string("url");
  if (emulator.config.readings.webhook_urls === "https_only" && !url.startsWith("https://")) {
    throw new ApiError("invalid_parameter_value", "url", "The 'url' parameter must be an HTTPS URL.");
  }
  const row = {
    id: newId("WebhookId"),
    line_id: subscribedLine(emulator.db, request.key, request.body.optional("from")),
    url,
    events: JSON.stringify(request.body.strings("events")),
    secret: `whsec_${randomBytes(16).toString("hex")}`,
    is_active: 1,
    created_at: emulator.clock.now(),
  };
  await emulator.commits.run(() => insertWebhook(emulator.db, row));
  return { body: { ...resource(emulator.db)(row as WebhookRow), secret: row.secret } };
};

/** Deletes the webhook and cancels its deliveries that have not gone through yet. */
export const deleteWebhook: Handler = async (request, emulator) => {
  const id = request.body.string("id");
  const webhook = webhookById(emulator.db, id);
  if (!webhook) throw new ApiError("webhook_not_found", "id");
  if (webhook.line_id === ALL_LINES && request.key.lines !== undefined) throw new ApiError("line_not_accessible", "id");
  if (webhook.line_id !== ALL_LINES) assertLineAccess(emulator.db, request.key, webhook.line_id, "id");
  await emulator.commits.run(() => deleteWebhookAndPending(emulator.db, id));
  return { body: { id, deleted: true } };
};
