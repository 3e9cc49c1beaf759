import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { convert, handWrittenMarkers } from "../../scripts/ledger.ts";
import { ledgerEntries, ledgerTable, prose, renderLedgerProse, type Claim } from "../../spec/ledger.ts";
import { isObject, loadBundle, type Json, type JsonObject } from "../../spec/openapi.ts";
import { scratchOutputs } from "../support/scratch-outputs.ts";

const spec = loadBundle();
const entries = ledgerEntries(spec);

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  id: "some-claim",
  claim: "whether it holds.",
  evidence: ["https://messages.dev/docs/concepts/errors"],
  probe: { none: "cannot be settled" },
  ...overrides,
});

const nodeAt = (pointer: string): JsonObject =>
  pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<Json>((node, key) => (node as JsonObject)[key]!, spec) as JsonObject;

describe("the claims ledger", () => {
  it("holds every claim of the spec, each with public evidence", () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const { claim } of entries) expect(claim.evidence.length).toBeGreaterThan(0);
  });

  it("writes each claim as prose into the description of the node that carries it", () => {
    for (const { claim, pointer } of entries) expect(nodeAt(pointer).description).toContain(prose(claim));
  });

  it("lists every claim on the ledger page, one row each", () => {
    const page = (spec.tags as JsonObject[]).find((tag) => tag["x-traitTag"] === true);
    const rows = String(page?.description).split("\n").filter((line) => /^\| `[a-z0-9-]+` \|/.test(line));
    expect(rows.map((row) => row.split("`")[1])).toEqual(entries.map(({ claim }) => claim.id));
    expect(ledgerTable(entries)).toContain(entries[0]!.claim.evidence[0]);
  });

  it("refuses evidence that is not a public URL, and an id used twice", () => {
    const withPrivate = { "x-unconfirmed": [claim({ evidence: ["/home/someone/notes.md"] })] };
    expect(() => ledgerEntries(withPrivate as unknown as Json)).toThrow(/evidence is a public URL/);
    const twice = { a: { "x-unconfirmed": [claim()] }, b: { "x-unconfirmed": [claim()] } };
    expect(() => ledgerEntries(twice as unknown as Json)).toThrow(/some-claim is used twice/);
    expect(() => ledgerEntries({ "x-unconfirmed": [claim()] } as unknown as Json)).not.toThrow();
    const unbound = { "x-unconfirmed": [claim({ probe: { check: "negative-case", how: "ask for more" } })] };
    expect(() => ledgerEntries(unbound as unknown as Json)).toThrow(/a constraint goes with check negative-case/);
  });

  it("puts a claim at its placeholder in a guide, and fails on a placeholder without a claim", () => {
    const document = { info: { description: "Intro.\n\n<!-- unconfirmed:some-claim -->\n\nMore.", "x-unconfirmed": [claim()] } };
    renderLedgerProse(document as unknown as JsonObject);
    expect(document.info.description).toBe(`Intro.\n\n${prose(claim())}\n\nMore.\n`);
    const stray = { info: { description: "<!-- unconfirmed:other -->", "x-unconfirmed": [claim()] } };
    expect(() => renderLedgerProse(stray as unknown as JsonObject)).toThrow(/other/);
  });
});

describe("converting hand-written markers", () => {
  const scratch = scratchOutputs("ledger-test-", async (dir) => {
    await mkdir(join(dir, "paths"));
    await mkdir(join(dir, "descriptions"));
    await writeFile(
      join(dir, "openapi.yaml"),
      "info:\n  title: t\n  description:\n    $ref: ./descriptions/overview.md\npaths:\n  /v1/x:\n    $ref: ./paths/v1_x.yaml\n",
    );
    await writeFile(join(dir, "descriptions", "overview.md"), "Intro.\n\n**Unconfirmed:** the order of lists.\n\nMore.\n");
    await writeFile(
      join(dir, "paths", "v1_x.yaml"),
      'get:\n  description: |\n    Lists x.\n\n    Unconfirmed: whether it is paginated.\n\n    Requires the `x:read` scope.\n  responses:\n    "404":\n      summary: "Unconfirmed: an unknown x"\n',
    );
  });

  it("the check names every hand-written marker by file and line", async () => {
    const dir = await scratch();
    expect((await handWrittenMarkers(dir)).map((found) => found.replace(/^.*\/(?=descriptions|paths)/, ""))).toEqual([
      "descriptions/overview.md:3",
      "paths/v1_x.yaml:5",
      "paths/v1_x.yaml:10",
    ]);
  });

  it("moves each marker into the ledger of its node, leaving no prose marker, and asks for evidence", async () => {
    const dir = await scratch();
    expect(await convert(dir)).toBe(3);
    expect(await handWrittenMarkers(dir)).toEqual([]);
    const path = parse(await readFile(join(dir, "paths", "v1_x.yaml"), "utf8")) as JsonObject;
    const root = parse(await readFile(join(dir, "openapi.yaml"), "utf8")) as JsonObject;
    const get = (path.get as JsonObject);
    expect(get.description).toBe("Lists x.\n\nRequires the `x:read` scope.\n");
    expect((get["x-unconfirmed"] as JsonObject[])[0]).toMatchObject({ id: "v1-x-whether-it-is-paginated", claim: "whether it is paginated." });
    const notFound = (get.responses as JsonObject)["404"] as JsonObject;
    expect(notFound.summary).toBe("An unknown x");
    expect(isObject(root.info) && root.info["x-unconfirmed"]).toMatchObject([{ id: "overview-the-order-of-lists", claim: "the order of lists." }]);
    expect(await readFile(join(dir, "descriptions", "overview.md"), "utf8")).toBe("Intro.\n\n<!-- unconfirmed:overview-the-order-of-lists -->\n\nMore.\n");
    expect(() => ledgerEntries(get)).toThrow(/name at least one public source by URL/);
  });
});
