import { createHash, randomUUID } from "node:crypto";

/** A new identifier with its resource's prefix, such as `msg_` or `req_`. */
export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 20)}`;
}

/** The same identifier for the same seed on every start, so seeded lines keep their IDs. */
export function stableId(prefix: string, seed: string): string {
  return `${prefix}${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;
}

/** Apple-style message GUID. */
export function newGuid(): string {
  return randomUUID().toUpperCase();
}
