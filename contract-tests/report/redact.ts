// Nothing a run writes or prints may carry the API key or a webhook's signing secret.
const WEBHOOK_SECRET_FIELD = /("secret"\s*:\s*")[^"]*(")/g;

export const REDACTED = "[redacted]";

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join(REDACTED);
  return result.replace(WEBHOOK_SECRET_FIELD, `$1${REDACTED}$2`);
}

/** A copy of `value` with every string in it redacted. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return redactSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value) as T;
}
