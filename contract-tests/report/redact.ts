// Nothing a run writes or prints may carry the API key or a webhook's signing secret, in any form
// a server could echo it: whole or in part, percent-encoded, JSON-escaped, or base64 (either
// alphabet) at any of the three byte alignments it can fall on inside a longer encoded string.
export const REDACTED = "[redacted]";

/** The shortest run of a secret's characters that counts as a leak. */
const RUN = 8;

const WEBHOOK_SECRET_FIELD = /("secret"\s*:\s*")[^"]*(")/g;

/** The characters of base64(`secret`) that stay the same whatever bytes surround it. */
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  return [0, 1, 2].flatMap((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    // The first group mixes in the bytes before the secret, the last one those after it.
    const core = encoded.slice(shift ? 4 : 0, -4);
    return [core, core.replaceAll("+", "-").replaceAll("/", "_")];
  });
}

/** Every form of `secret` worth looking for. */
export const secretForms = (secret: string): string[] =>
  secret ? [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), ...base64Cores(secret)] : [];

/**
 * `text` with every run of RUN or more characters copied from one of `forms` replaced, so a piece of
 * a secret is caught as surely as the whole. (The package's client has its own, smaller redactor in
 * src/redact.ts: the package ships alone, and the runner needs the encoded forms besides.)
 */
function redactRuns(text: string, forms: readonly string[]): string {
  const covered = new Uint8Array(text.length);
  for (const form of forms) {
    for (let i = 0; i + RUN <= form.length; i++) {
      const run = form.slice(i, i + RUN);
      for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + 1)) covered.fill(1, at, at + RUN);
    }
  }
  return text.replace(/[^]/g, (char, at: number) => (covered[at] ? (at > 0 && covered[at - 1] ? "" : REDACTED) : char));
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  // A secret shorter than a run is replaced whole.
  const whole = secrets.reduce((result, secret) => (secret ? result.split(secret).join(REDACTED) : result), text);
  return redactRuns(whole, secrets.flatMap(secretForms)).replace(WEBHOOK_SECRET_FIELD, `$1${REDACTED}$2`);
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
