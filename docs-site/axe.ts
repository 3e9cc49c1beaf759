// axe-core in the reference: the WCAG 2.1 A and AA rules, run on one part of the page at a time.
// Rules that Redoc's own markup breaks and no theme or setting can fix are in axe-allow-list.json,
// each with its reason; everything else must be clean.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import allowList from "./axe-allow-list.json" with { type: "json" };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export const ALLOWED_RULES: ReadonlyMap<string, string> = new Map(allowList.map(({ rule, reason }) => [rule, reason]));

export interface AxeViolation {
  rule: string;
  /** How many elements break it. */
  nodes: number;
  /** The first few, as CSS selectors. */
  targets: string[];
}

/** The WCAG 2.1 AA violations axe-core finds inside `selector` (injecting axe-core once). */
export async function axeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.addScriptTag({ content: AXE_SOURCE });
  // Whatever the pointer last hovered is drawn in its hover colours: measure the page at rest.
  await page.mouse.move(0, 0);
  return page.evaluate(
    async ({ selector, tags }) => {
      const axe = (globalThis as unknown as { axe: { run: (context: string, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const { violations } = await axe.run(selector, { runOnly: { type: "tag", values: tags } });
      return violations.map(({ id, nodes }) => ({ rule: id, nodes: nodes.length, targets: nodes.slice(0, 3).map(({ target }) => target.join(" ")) }));
    },
    { selector, tags: WCAG_21_AA },
  );
}
