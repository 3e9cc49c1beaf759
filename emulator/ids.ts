// Identifiers: each resource's ID carries the prefix its schema's pattern requires (`^msg_…`), read
// from the bundle, so the emulator cannot mint an ID the spec would refuse.
import { createHash, randomUUID } from "node:crypto";
import type { components } from "../generated/schema.d.ts";
import { idPrefixes } from "../spec/ids.ts";
import { loadBundle } from "../spec/openapi.ts";

/** The spec's ID schemas: `MessageId`, `ChatId`, `RequestId`, … */
export type IdKind = Extract<keyof components["schemas"], `${string}Id`>;

let prefixes: Map<string, string> | undefined;

/** The prefix an ID of this kind starts with, from its schema's pattern. */
export function idPrefix(kind: IdKind): string {
  prefixes ??= idPrefixes(loadBundle());
  const prefix = prefixes.get(kind);
  if (prefix === undefined) throw new Error(`The spec's ${kind} has no prefix in its pattern`);
  return prefix;
}

/** A new identifier of this kind, such as `msg_3f9a…`. */
export function newId(kind: IdKind): string {
  return `${idPrefix(kind)}${randomUUID().replaceAll("-", "").slice(0, 20)}`;
}

/** The same identifier for the same seed on every start, so seeded lines keep their IDs. */
export function stableId(kind: IdKind, seed: string): string {
  return `${idPrefix(kind)}${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;
}

/** Apple-style message GUID. */
export function newGuid(): string {
  return randomUUID().toUpperCase();
}

/** An identifier in the style of Apple's group chat identifiers (`chat` and digits-like hex). */
export function newGroupIdentifier(): string {
  return `chat${randomUUID().replaceAll("-", "").slice(0, 20)}`;
}
