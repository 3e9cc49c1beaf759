// The part of Arazzo 1.0's runtime expressions and criteria that the workflows use: `$statusCode`,
// `$response.body#/pointer`, `$response.header.name`, `$inputs.name`, `$steps.id.outputs.name`,
// expressions embedded in strings as `{$…}`, simple conditions joined by `&&` / `||`, and regex
// criteria. Anything else is refused with an error naming it, never silently passed.
import { isObject, type Json } from "../../spec/openapi.ts";

export interface ResponseContext {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: Json | undefined;
}

export interface ExpressionContext {
  inputs: Record<string, Json | undefined>;
  steps: Record<string, Record<string, Json | undefined>>;
  response?: ResponseContext;
}

export interface Criterion {
  condition: string;
  context?: string;
  type?: "simple" | "regex" | "jsonpath" | "xpath" | { type: string };
}

/** An expression that names something the context does not have (yet). */
export class UnresolvedExpression extends Error {
  constructor(readonly expression: string) {
    super(`${expression} has no value`);
  }
}

const EMBEDDED = /\{(\$[^{}]+)\}/g;

/** Evaluates one runtime expression; throws UnresolvedExpression when it names nothing. */
function evaluate(expression: string, context: ExpressionContext): Json {
  const value = lookup(expression.trim(), context);
  if (value === undefined) throw new UnresolvedExpression(expression.trim());
  return value;
}

function lookup(expression: string, { inputs, steps, response }: ExpressionContext): Json | undefined {
  if (expression === "$statusCode") return response?.status;
  if (expression === "$response.body" || expression.startsWith("$response.body#")) {
    const pointer = expression.slice("$response.body#".length);
    return response && resolvePointer(response.body, pointer);
  }
  if (expression.startsWith("$response.header.")) return response?.headers[expression.slice("$response.header.".length).toLowerCase()];
  const input = /^\$inputs\.([\w-]+)$/.exec(expression);
  if (input) return inputs[input[1]!];
  const output = /^\$steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (output) return steps[output[1]!]?.[output[2]!];
  throw new Error(`Unsupported runtime expression ${expression}`);
}

function resolvePointer(document: Json | undefined, pointer: string): Json | undefined {
  if (pointer === "" || pointer === "/") return document;
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<Json | undefined>((node, key) => (Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined), document);
}

/**
 * Resolves a parameter value or payload: a string that is an expression becomes its value, `{$…}`
 * inside a string is replaced by its value, and objects and arrays are resolved member by member.
 */
export function resolveValue(value: Json, context: ExpressionContext): Json {
  if (typeof value === "string") {
    if (/^\$[\w.#/~-]+$/.test(value)) return evaluate(value, context);
    return value.replace(EMBEDDED, (_, expression: string) => String(evaluate(expression, context)));
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, context));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, context)]));
  return value;
}

export interface CriterionOutcome {
  passed: boolean;
  /** The value the criterion looked at, for the report. */
  actual: string;
  /** Where in the response it looked: `/status`, `/body/data/0/id`. */
  pointer: string;
}

export function checkCriterion(criterion: Criterion, context: ExpressionContext): CriterionOutcome {
  const type = typeof criterion.type === "object" ? criterion.type.type : (criterion.type ?? "simple");
  if (type === "simple") return checkSimple(criterion.condition, context);
  if (type === "regex") return checkRegex(criterion, context);
  throw new Error(`Criterion type ${type} is not supported by the contract runner (use simple or regex)`);
}

function checkRegex({ context: where, condition }: Criterion, context: ExpressionContext): CriterionOutcome {
  if (!where) throw new Error(`A regex criterion needs a context: ${condition}`);
  // The whole body is matched as the text that came over the wire.
  const subject = where.trim() === "$response.body" ? (context.response?.text ?? "") : String(lookup(where, context) ?? "");
  const pattern = condition.replace(EMBEDDED, (_, expression: string) => escapeRegex(String(evaluate(expression, context))));
  return { passed: new RegExp(pattern).test(subject), actual: abbreviate(subject), pointer: pointerOf(where) };
}

function checkSimple(condition: string, context: ExpressionContext): CriterionOutcome {
  if (/[()]/.test(condition.replace(/'[^']*'/g, ""))) throw new Error(`Parentheses are not supported in conditions: ${condition}`);
  const alternatives = condition.split("||").map((alternative) => alternative.split("&&").map((part) => compare(part, context)));
  const passed = alternatives.some((all) => all.every((outcome) => outcome.passed));
  const [first] = alternatives.flat();
  return { passed, actual: first?.actual ?? "", pointer: first?.pointer ?? "" };
}

const COMPARISON = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/;

function compare(text: string, context: ExpressionContext): CriterionOutcome {
  const match = COMPARISON.exec(text.trim());
  if (!match) throw new Error(`Not a comparison: ${text.trim()}`);
  const [, left, operator, right] = match as unknown as [string, string, string, string];
  const [a, b] = [operand(left, context), operand(right, context)];
  const passed =
    operator === "==" ? a === b
    : operator === "!=" ? a !== b
    : typeof a === "number" && typeof b === "number" &&
      (operator === "<" ? a < b : operator === "<=" ? a <= b : operator === ">" ? a > b : a >= b);
  return { passed, actual: a === undefined ? "nothing" : JSON.stringify(a), pointer: pointerOf(left) };
}

function operand(token: string, context: ExpressionContext): Json | undefined {
  const text = token.trim();
  if (text.startsWith("$")) return lookup(text, context);
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  if (text !== "" && !Number.isNaN(Number(text))) return Number(text);
  throw new Error(`Not a literal or runtime expression: ${text} (quote strings with '…')`);
}

function pointerOf(expression: string): string {
  const text = expression.trim();
  if (text === "$statusCode") return "/status";
  if (text.startsWith("$response.body")) return `/body${text.slice("$response.body#".length)}`;
  if (text.startsWith("$response.header.")) return `/headers/${text.slice("$response.header.".length).toLowerCase()}`;
  return text;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const abbreviate = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max)}…` : text);
