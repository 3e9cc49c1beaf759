// The claims ledger: every statement of the spec that no public source confirms is data, an
// `x-unconfirmed` list on the node it concerns, instead of prose. The bundle renders each claim as
// an "Unconfirmed:" paragraph on that node and the ledger page lists them all; the contract suite
// probes the ones a live run can settle.
import { z } from "zod";
import { isObject, type Json, type JsonObject } from "./openapi.ts";

export const LEDGER_KEY = "x-unconfirmed";

/** Public sources only: the docs and the official SDK and CLI repositories. */
const EVIDENCE_URL = /^https:\/\/(messages\.dev|www\.messages\.dev|messagesdev\.mintlify\.app|github\.com\/messages-dev)\//;

/** The check of a claim about a constraint: the suite's negative cases that break it probe it. */
export const NEGATIVE_CASE = "negative-case";

const Probe = z.union([
  z
    .strictObject({
      /** The name of a probe in contract-tests/probes/, or `negative-case`. */
      check: z.string().regex(/^[a-z0-9-]+$/),
      /** How a live run settles the claim, in words. */
      how: z.string().min(1),
      /** With `negative-case`: the JSON Schema keyword of this node the claim is about (`maximum`). */
      constraint: z.string().min(1).optional(),
    })
    .refine((probe) => (probe.check === NEGATIVE_CASE) === (probe.constraint !== undefined), {
      message: `a constraint goes with check ${NEGATIVE_CASE}, and ${NEGATIVE_CASE} needs one`,
    }),
  z.strictObject({
    /** Why no live run can settle it. */
    none: z.string().min(1),
  }),
]);

export const Claim = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are kebab-case"),
  claim: z.string().min(1),
  evidence: z
    .array(z.string().regex(EVIDENCE_URL, "evidence is a public URL: messages.dev docs or github.com/messages-dev"))
    .min(1, "name at least one public source by URL"),
  probe: Probe,
});
export type Claim = z.output<typeof Claim>;

export interface LedgerEntry {
  claim: Claim;
  /** JSON pointer of the node that carries it. */
  pointer: string;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every `x-unconfirmed` list of a document, with the node that carries it, in document order. */
function ledgerNodes(document: Json, pointer = ""): { node: JsonObject; pointer: string; raw: Json }[] {
  if (Array.isArray(document)) return document.flatMap((item, index) => ledgerNodes(item, `${pointer}/${index}`));
  if (!isObject(document)) return [];
  const own = LEDGER_KEY in document ? [{ node: document, pointer, raw: document[LEDGER_KEY]! }] : [];
  return [
    ...own,
    ...Object.entries(document)
      .filter(([key]) => key !== LEDGER_KEY)
      .flatMap(([key, value]) => ledgerNodes(value, `${pointer}/${escapePointer(key)}`)),
  ];
}

/** Every claim of a document; throws naming each malformed entry and each id used twice. */
export function ledgerEntries(document: Json): LedgerEntry[] {
  const problems: string[] = [];
  const entries: LedgerEntry[] = [];
  for (const { pointer, raw } of ledgerNodes(document)) {
    if (!Array.isArray(raw)) {
      problems.push(`${pointer}: ${LEDGER_KEY} must be a list of claims`);
      continue;
    }
    raw.forEach((item, index) => {
      const parsed = Claim.safeParse(item);
      if (parsed.success) entries.push({ claim: parsed.data, pointer });
      else problems.push(...parsed.error.issues.map((issue) => `${pointer}/${LEDGER_KEY}/${index}/${issue.path.join("/")}: ${issue.message}`));
    });
  }
  const seen = new Set<string>();
  for (const { claim, pointer } of entries) {
    if (seen.has(claim.id)) problems.push(`${pointer}: claim id ${claim.id} is used twice`);
    seen.add(claim.id);
  }
  if (problems.length > 0) throw new Error(`The claims ledger is invalid:\n${problems.join("\n")}`);
  return entries;
}

export const isProbeable = (claim: Claim): claim is Claim & { probe: { check: string; how: string } } => "check" in claim.probe;

/**
 * The ids of the claims on these nodes that are about their `keyword` constraint: a request that
 * breaks it probes the claim instead of checking the spec.
 */
export function constraintClaims(nodes: readonly (Json | undefined)[], keyword: string): string[] {
  return nodes.flatMap((node) => {
    const raw = isObject(node) ? node[LEDGER_KEY] : undefined;
    if (!Array.isArray(raw)) return [];
    return raw.map((item) => Claim.parse(item)).filter((claim) => "constraint" in claim.probe && claim.probe.constraint === keyword).map((claim) => claim.id);
  });
}

/** A hand-written marker: the prose the ledger renders, typed where the ledger should hold it. */
export const PROSE_MARKER = /\*{0,2}Unconfirmed:\*{0,2}/;
const placeholder = (id: string) => `<!-- unconfirmed:${id} -->`;
const PLACEHOLDER = /<!-- unconfirmed:([a-z0-9-]+) -->/g;
export const prose = (claim: Claim) => `**Unconfirmed:** ${claim.claim}`;

/**
 * Writes each claim into the description of the node that carries it: where the description has
 * the claim's `<!-- unconfirmed:ID -->` placeholder (a guide keeps it in its section), or as a
 * last paragraph.
 */
export function renderLedgerProse(document: JsonObject): void {
  for (const { node, raw } of ledgerNodes(document)) {
    let description = typeof node.description === "string" ? node.description.trimEnd() : "";
    for (const claim of (raw as Json[]).map((item) => Claim.parse(item))) {
      description = description.includes(placeholder(claim.id))
        ? description.replace(placeholder(claim.id), prose(claim))
        : [description, prose(claim)].filter(Boolean).join("\n\n");
    }
    const stray = [...description.matchAll(PLACEHOLDER)].map((match) => match[1]);
    if (stray.length > 0) throw new Error(`Placeholder without a claim on its node: ${stray.join(", ")}`);
    node.description = `${description}\n`;
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** Where a claim sits, in words a reader of the reference recognises. */
export function location(pointer: string): string {
  const parts = pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "paths") return `\`${parts[2]?.toUpperCase() ?? ""} ${parts[1]}\`${parts.length > 3 ? ` ${parts.slice(3).join(".")}` : ""}`;
  if (parts[0] === "components") return `\`${parts[2]}\`${parts.length > 3 ? ` ${parts.slice(3).filter((part) => part !== "properties").join(".")}` : ""}`;
  if (parts[0] === "tags") return "tag guide";
  return parts[0] === "info" ? "overview" : parts.join(".");
}

/** The ledger page: one row per open claim, with its evidence and how a live run settles it. */
export function ledgerTable(entries: LedgerEntry[]): string {
  const rows = entries.map(({ claim, pointer }) => [
    `\`${claim.id}\``,
    location(pointer),
    cell(claim.claim),
    claim.evidence.map((url) => `<${url}>`).join("<br>"),
    cell("check" in claim.probe ? `probe \`${claim.probe.check}\`: ${claim.probe.how}` : `not probed: ${claim.probe.none}`),
  ]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const header = ["claim", "where", "what the spec assumes", "evidence", "how a live run settles it"];
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Fills the `<!-- generated:claims-ledger -->` marker of a tag's guide with the ledger page. */
export function fillLedgerPage(document: JsonObject): void {
  const table = ledgerTable(ledgerEntries(document));
  for (const tag of (document.tags as JsonObject[] | undefined) ?? []) {
    if (typeof tag.description === "string") tag.description = tag.description.replace("<!-- generated:claims-ledger -->", table);
  }
}
