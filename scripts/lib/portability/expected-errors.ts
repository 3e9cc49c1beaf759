// Type-checks usage files against generated clients, and proves each negative case fails for the
// reason it names. A negative line sits under its own directive,
//   // @ts-expect-error [TS2322: '"paused"'] the typing state is on or off
// and passes only when (1) the file compiles as it is, so every directive is used, and (2) the same
// file without the directives fails exactly on those lines, each with the code it names and a
// message containing its fragment. So a line that fails for another reason (a bad import, a typo)
// or does not fail at all cannot pass for a negative case.
import ts from "typescript";

export interface Finding {
  line: number;
  code: number;
  message: string;
}

export interface ExpectedError {
  /** The line that must fail (1-based): the one after the directive. */
  line: number;
  code: number;
  fragment: string;
  reason: string;
}

const DIRECTIVE = "// @ts-expect-error";
const EXPECTATION = /^\s*\/\/ @ts-expect-error \[TS(\d+): ([^\]]+)\] (.+)$/;

const COMPILER_OPTIONS = ts.convertCompilerOptionsFromJson(
  { target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] },
  ".",
).options;

/** The negative cases a file declares, one per directive; a directive without its expectation is an error. */
export function expectedErrors(source: string): ExpectedError[] {
  return source.split("\n").flatMap((text, index) => {
    if (!text.includes(DIRECTIVE)) return [];
    const match = EXPECTATION.exec(text);
    if (!match) throw new Error(`line ${index + 1}: write the directive as ${DIRECTIVE} [TS<code>: <message fragment>] <reason>`);
    return [{ line: index + 2, code: Number(match[1]), fragment: match[2]!, reason: match[3]! }];
  });
}

/** The same source with every directive turned into a plain comment; lines keep their numbers. */
export const withoutDirectives = (source: string) => source.replaceAll(DIRECTIVE, "// (was @ts-expect-error)");

/** Type-checks the files together, answering each file's errors. */
export function typeCheck(files: string[]): Map<string, Finding[]> {
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const findings = new Map<string, Finding[]>(files.map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    if (!file || !findings.has(file)) continue;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    findings.get(file)!.push({ line: line + 1, code: diagnostic.code, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " ") });
  }
  return findings;
}

const show = (finding: Finding) => `line ${finding.line}: TS${finding.code} ${finding.message.slice(0, 200)}`;

/**
 * What is wrong with a negative file, given its errors as written and without its directives;
 * empty when every case fails exactly as it says and nothing else fails.
 */
export function negativeProblems(expected: ExpectedError[], asWritten: Finding[], withoutThem: Finding[]): string[] {
  if (expected.length === 0) return ["the file declares no negative case"];
  const problems = asWritten.map((finding) => `as written, ${show(finding)}`);
  const lines = new Set(expected.map(({ line }) => line));
  problems.push(...withoutThem.filter((finding) => !lines.has(finding.line)).map((finding) => `not a negative case: ${show(finding)}`));
  for (const { line, code, fragment, reason } of expected) {
    const there = withoutThem.filter((finding) => finding.line === line);
    if (!there.some((finding) => finding.code === code && finding.message.includes(fragment))) {
      const got = there.length > 0 ? there.map(show).join("; ") : "no error";
      problems.push(`line ${line} (${reason}): expected TS${code} mentioning ${fragment}, got ${got}`);
    }
  }
  return problems;
}
