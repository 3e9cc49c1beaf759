// Layout checks for the reference, measured in the page rather than judged by eye: what a reader
// would see as broken at a given width. Each problem names its check and what it found.
import type { Page } from "playwright-core";

export type LayoutCheck = "mid-word-break" | "raw-markdown" | "clipped-code" | "overlap" | "page-overflow";

export interface LayoutProblem {
  check: LayoutCheck;
  detail: string;
}

/** Runs in the page: everything it needs is inside. */
function measure(): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const visible = (element: Element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const textNodes = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    return nodes;
  };
  const lineTops = (node: Node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
  };
  const intersects = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push({ check: "page-overflow", detail: `the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window` });
  }

  // A code-like word in a table cell (an error code, a type, a scope) must stay on one line.
  for (const cell of document.querySelectorAll("td")) {
    if (!visible(cell)) continue;
    for (const node of textNodes(cell)) {
      const word = node.data.trim();
      // Identifiers only: a link's address may wrap like prose.
      if (word.length === 0 || /\s|:\/\//.test(word) || !/[_.:/]|^[a-z]+[A-Z]/.test(word)) continue;
      if (lineTops(node).size > 1) problems.push({ check: "mid-word-break", detail: `"${word}" breaks across lines` });
    }
  }

  // Markdown the renderer left as text: backticks, bold markers, link syntax outside code.
  for (const node of textNodes(document.body)) {
    if (node.parentElement?.closest("code, pre, script, style, textarea, [data-component-name='JsonViewer/JsonViewer']")) continue;
    if (/`[^`]+`|\*\*\S|\]\(/.test(node.data)) problems.push({ check: "raw-markdown", detail: `"${node.data.trim().slice(0, 80)}"` });
  }

  for (const pre of document.querySelectorAll("pre")) {
    if (!visible(pre)) continue;
    const box = pre.getBoundingClientRect();
    const style = getComputedStyle(pre);
    if (pre.scrollWidth > pre.clientWidth + 1 && !/auto|scroll/.test(style.overflowX)) {
      problems.push({ check: "clipped-code", detail: `a code block hides ${pre.scrollWidth - pre.clientWidth}px without a scrollbar` });
    }
    for (let parent = pre.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const clip = getComputedStyle(parent);
      if (!/hidden|clip/.test(clip.overflowX)) continue;
      const outer = parent.getBoundingClientRect();
      if (box.right > outer.right + 1) problems.push({ check: "clipped-code", detail: `a code block runs ${Math.round(box.right - outer.right)}px past its box` });
      break;
    }
    // The copy button and the other controls must not sit on the code they belong to.
    const block = pre.closest("[data-component-name='CodeBlock/CodeBlock']");
    const lines = [...pre.querySelectorAll(".line, code")].flatMap((line) => {
      const range = document.createRange();
      range.selectNodeContents(line);
      return [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.top < box.bottom && rect.bottom > box.top && rect.left < box.right);
    });
    for (const control of block?.querySelectorAll("button") ?? []) {
      if (!visible(control)) continue;
      const rect = control.getBoundingClientRect();
      if (lines.some((line) => intersects(line, rect))) problems.push({ check: "overlap", detail: `the "${control.getAttribute("aria-label") ?? control.textContent}" button covers code` });
    }
  }
  return problems;
}

export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  // tsx and vitest compile nested functions with a `__name` helper the page does not have.
  await page.evaluate("globalThis.__name ??= (fn) => fn");
  return page.evaluate(measure);
}
