// Each breaking-change rule proven by a fixture pair (base.yaml before, base.yaml + one change
// after): every breaking change is detected, and no non-breaking change is called breaking.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Json, OpenApiDocument } from "../../spec/openapi.ts";
import { changelogSection, judge } from "../../spec/diff/changelog.ts";
import { diffSpecs } from "../../spec/diff/operation-diff.ts";

interface Case {
  case: string;
  set?: Record<string, Json>;
  remove?: string[];
  expect: Record<string, boolean>;
}

const read = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");
const base = parse(read("./base.yaml")) as OpenApiDocument;
const cases = parse(read("./cases.yaml")) as Case[];

/** Applies one change at a JSON pointer: sets a value, or removes it when `value` is undefined. */
function apply(doc: Json, pointer: string, value: Json | undefined): void {
  const keys = pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop()!;
  const parent = keys.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, doc);
  if (Array.isArray(parent) && value === undefined) parent.splice(Number(last), 1);
  else if (value === undefined) delete (parent as Record<string, Json>)[last];
  else (parent as Record<string, Json>)[last] = value;
}

function after(change: Case): OpenApiDocument {
  const doc = structuredClone(base);
  for (const [pointer, value] of Object.entries(change.set ?? {})) apply(doc, pointer, value);
  for (const pointer of change.remove ?? []) apply(doc, pointer, undefined);
  return doc;
}

describe("the breaking-change detector", () => {
  it.each(cases.map((c) => [c.case, c] as const))("classifies: %s", (_, change) => {
    const found = diffSpecs(base, after(change));
    expect(Object.fromEntries(found.map((c) => [c.rule, c.breaking]))).toEqual(change.expect);
  });

  it("finds nothing between a spec and itself", () => {
    expect(diffSpecs(base, structuredClone(base))).toEqual([]);
  });

  it("has a fixture pair for every rule the comparator can report", () => {
    const source = ["change.ts", "schema-diff.ts", "operation-diff.ts"].map((file) => read(`../../spec/diff/${file}`)).join("\n");
    const literal = [...source.matchAll(/"((?:request|response|operation|webhook)-[a-z-]+)"/g)].map((m) => m[1]!);
    const perDirection = [...source.matchAll(/`\$\{(?:place\.)?direction\}-([a-z-]+)`/g)].flatMap((m) => [`request-${m[1]}`, `response-${m[1]}`]);
    const covered = new Set(cases.flatMap((c) => Object.keys(c.expect)));
    expect(literal.length + perDirection.length).toBeGreaterThan(20);
    expect([...new Set([...literal, ...perDirection])].filter((rule) => !covered.has(rule)).sort()).toEqual([]);
  });
});

describe("the version gate", () => {
  const removal = cases.find((c) => c.case === "an operation is removed")!;
  const changes = diffSpecs(base, after(removal));

  it("refuses a breaking change within the same major version", () => {
    expect(judge("1.0.0", "1.1.0", changes).allowed).toBe(false);
  });

  it("accepts a breaking change with a major version bump", () => {
    expect(judge("1.4.2", "2.0.0", changes).allowed).toBe(true);
  });

  it("accepts a non-breaking change without one", () => {
    const added = cases.find((c) => c.case === "an operation is added")!;
    expect(judge("1.0.0", "1.1.0", diffSpecs(base, after(added))).allowed).toBe(true);
  });

  it("writes a changelog section listing breaking changes first", () => {
    const section = changelogSection(judge("1.0.0", "2.0.0", changes), changes, "2026-11-26");
    expect(section).toBe(
      "## 2.0.0 — 2026-11-26\n\n### Breaking changes\n\n- `sendThing` (POST /v1/things): the operation was removed.\n",
    );
  });
});
