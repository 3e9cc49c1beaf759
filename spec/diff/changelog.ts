import type { Change } from "./change.ts";

export interface VersionVerdict {
  from: string;
  to: string;
  breaking: Change[];
  /** Breaking changes are allowed only when the major part of info.version went up. */
  allowed: boolean;
}

const major = (version: string) => Number.parseInt(version.split(".")[0] ?? "", 10);

export function judge(from: string, to: string, changes: Change[]): VersionVerdict {
  const breaking = changes.filter((c) => c.breaking);
  return { from, to, breaking, allowed: breaking.length === 0 || major(to) > major(from) };
}

const line = (c: Change) => `- ${c.where}: ${c.what}.`;

/** A Markdown section for CHANGELOG.md. */
export function changelogSection(verdict: VersionVerdict, changes: Change[], date: string): string {
  const other = changes.filter((c) => !c.breaking);
  const parts = [`## ${verdict.to} — ${date}`, ""];
  if (changes.length === 0) parts.push("No changes to operations, schemas or webhooks.", "");
  if (verdict.breaking.length > 0) parts.push("### Breaking changes", "", ...verdict.breaking.map(line), "");
  if (other.length > 0) parts.push("### Other changes", "", ...other.map(line), "");
  return parts.join("\n");
}
