// The line handle and recipient patterns were rewritten to match in linear time (mdev-pattern-linear
// refuses the old ones). The rewrite must accept exactly the strings the old patterns accepted: the
// old LineHandle pattern is the rule's failing fixture, verbatim, and Recipient was it or a chat ID.
import * as fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => fs.readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const schemas = (JSON.parse(read("generated/openapi.json")) as { components: { schemas: Record<string, { pattern: string }> } }).components.schemas;
const fixture = parse(read("spectral/fixtures/mdev-pattern-linear/bad.yaml")) as { components: { schemas: { LineHandle: { pattern: string } } } };

const oldLineHandle = new RegExp(fixture.components.schemas.LineHandle.pattern, "u");
const chatId = new RegExp(schemas.ChatId!.pattern, "u");
const lineHandle = new RegExp(schemas.LineHandle!.pattern, "u");
const recipient = new RegExp(schemas.Recipient!.pattern, "u");

// Strings built from the characters the patterns tell apart, so most draws land near a boundary.
const tricky = fc.string({ unit: fc.constantFrom("a", "Z", "0", "1", "9", ".", "@", "+", " ", "\t", "c", "h", "t", "_", "é"), maxLength: 24 });
const table = ["a@b.c", "a@b.", "a@.c", "a@..", "a@.b.", "@b.c", "a@b@c.d", "a b@c.d", "a@b.c d", "x@y..z", "+15551234567", "+1555123", "+155512", "+0555123456", "cht_abc", "cht_", "a@bc"];

describe("linear LineHandle and Recipient patterns", () => {
  it.each(table)("judge %j as the old patterns did", (value) => {
    expect(lineHandle.test(value)).toBe(oldLineHandle.test(value));
    expect(recipient.test(value)).toBe(oldLineHandle.test(value) || chatId.test(value));
  });

  it("accept exactly the strings the old patterns accepted", () => {
    fc.assert(
      fc.property(tricky, (value) => {
        expect(lineHandle.test(value)).toBe(oldLineHandle.test(value));
        expect(recipient.test(value)).toBe(oldLineHandle.test(value) || chatId.test(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it("both accept and refuse strings in the table, so the comparison is not vacuous", () => {
    const verdicts = new Set(table.map((value) => lineHandle.test(value)));
    expect(verdicts).toEqual(new Set([true, false]));
  });
});
