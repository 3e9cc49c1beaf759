// Secrets out of text: every run of 8 or more characters copied from a secret (or from any other
// form of it the caller passes) becomes "[redacted]". A whole echoed key, a prefix a proxy printed,
// or a piece cut at an excerpt's edge are all caught, as long as the text is redacted before it is
// cut. A key's documented type prefix (`sk_live_`) is public, and stays, so a message that tells how
// to send a key still reads. A secret shorter than a run is not looked for: keys are far longer.
export const REDACTED = "[redacted]";

/** The shortest run of a secret's characters that counts as a leak. */
const RUN = 8;

export function redactFragments(text: string, secrets: readonly string[]): string {
  const runs = new Set<string>();
  for (const secret of secrets) {
    const prefix = /^[a-z]+_[a-z]+_/.exec(secret)?.[0].length ?? 0;
    for (let i = Math.max(0, prefix - RUN + 1); i + RUN <= secret.length; i++) runs.add(secret.slice(i, i + RUN));
  }
  let out = "";
  let end = 0;
  for (let i = 0; i + RUN <= text.length; i++) {
    if (!runs.has(text.slice(i, i + RUN))) continue;
    if (i > end || !out) out += text.slice(end, i) + REDACTED;
    end = i + RUN;
  }
  return out + text.slice(end);
}
