// Webhook deliveries: each is POSTed signed (HMAC-SHA256 over `${timestamp}.${body}` with the
// webhook's secret), and retried with exponential backoff, keeping its delivery ID, until a 2xx
// answer or max_attempts. Retry times follow the emulator's clock, so tests advance it instead of
// waiting.
import { createHmac } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import type { DeliveryRow } from "../state/rows.ts";
import { dueDeliveries, saveDeliveryAttempt, webhookById } from "../state/webhooks.ts";

const BATCH = 100;

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export class WebhookDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly emulator: EmulatorContext) {}

  /** Attempts every delivery that is due, and resolves once all attempts under way have ended. */
  async deliverDue(): Promise<void> {
    const { db, clock } = this.emulator;
    const due = dueDeliveries(db, clock.now(), BATCH);
    for (const delivery of due) {
      if (this.inFlight.has(delivery.id)) continue;
      const attempt = this.attempt(delivery).finally(() => this.inFlight.delete(delivery.id));
      this.inFlight.set(delivery.id, attempt);
    }
    await Promise.all(this.inFlight.values());
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const { db, clock, config } = this.emulator;
    const webhook = webhookById(db, delivery.webhook_id);
    if (!webhook) return;
    const timestamp = clock.now();
    const body = JSON.stringify({ event: delivery.event, data: JSON.parse(delivery.data) as unknown, timestamp, delivery_id: delivery.id });
    const status = await post(delivery.url, body, {
      "content-type": "application/json",
      "x-webhook-signature": signature(webhook.secret, timestamp, body),
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-delivery-id": delivery.id,
    }, config.webhooks.timeout_ms);
    const attempts = delivery.attempts + 1;
    const now = clock.now();
    const delivered = status !== null && status >= 200 && status < 300;
    const next = delivered ? "delivered" : attempts >= config.webhooks.max_attempts ? "failed" : "pending";
    const backoff = Math.min(config.webhooks.backoff_ms * 2 ** (attempts - 1), config.webhooks.max_backoff_ms);
    saveDeliveryAttempt(db, { id: delivery.id, attempts, status: next, last_status_code: status, delivered_at: delivered ? now : null, due_at: now + backoff });
  }
}

/** The status of the answer, or null when there was none (refused, reset, timed out). */
async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number | null> {
  try {
    const response = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}
