// The webhooks table and its deliveries.
import { sql, type Db } from "./db.ts";
import type { DeliveryRow, WebhookRow } from "./rows.ts";

export function insertWebhook(db: Db, webhook: Omit<WebhookRow, "seq">): void {
  sql(db, "INSERT INTO webhooks (id, line_id, url, events, secret, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    webhook.id, webhook.line_id, webhook.url, webhook.events, webhook.secret, webhook.is_active, webhook.created_at,
  );
}

export function webhookById(db: Db, id: string): WebhookRow | undefined {
  return sql(db, "SELECT * FROM webhooks WHERE id = ?").get(id) as WebhookRow | undefined;
}

/** Deletes the webhook and cancels its deliveries that have not gone through yet. */
export function deleteWebhookAndPending(db: Db, id: string): void {
  sql(db, "DELETE FROM webhooks WHERE id = ?").run(id);
  sql(db, "UPDATE deliveries SET status = 'cancelled' WHERE webhook_id = ? AND status = 'pending'").run(id);
}

/** The active webhooks of any of these lines. */
export function activeWebhooks(db: Db, lineIds: readonly [string, string]): WebhookRow[] {
  return sql(db, "SELECT * FROM webhooks WHERE line_id IN (?, ?) AND is_active = 1").all(...lineIds) as WebhookRow[];
}

export function insertDelivery(db: Db, delivery: Pick<DeliveryRow, "id" | "webhook_id" | "event" | "data" | "url" | "created_at" | "due_at">): void {
  sql(
    db,
    `INSERT INTO deliveries (id, webhook_id, event, data, url, attempts, status, last_status_code, created_at, delivered_at, due_at)
     VALUES (?, ?, ?, ?, ?, 0, 'pending', NULL, ?, NULL, ?)`,
  ).run(delivery.id, delivery.webhook_id, delivery.event, delivery.data, delivery.url, delivery.created_at, delivery.due_at);
}

export function dueDeliveries(db: Db, now: number, limit: number): DeliveryRow[] {
  return sql(db, "SELECT * FROM deliveries WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, seq LIMIT ?").all(now, limit) as DeliveryRow[];
}

/** Every delivery, newest first. */
export function allDeliveries(db: Db): DeliveryRow[] {
  return sql(db, "SELECT * FROM deliveries ORDER BY seq DESC").all() as DeliveryRow[];
}

/** Records an attempt; a delivery cancelled (its webhook deleted) while the attempt was under way stays cancelled. */
export function saveDeliveryAttempt(db: Db, attempt: Pick<DeliveryRow, "id" | "attempts" | "status" | "last_status_code" | "delivered_at" | "due_at">): void {
  sql(db, "UPDATE deliveries SET attempts = ?, status = ?, last_status_code = ?, delivered_at = ?, due_at = ? WHERE id = ? AND status = 'pending'").run(
    attempt.attempts, attempt.status, attempt.last_status_code, attempt.delivered_at, attempt.due_at, attempt.id,
  );
}
