// Loads the Arazzo 1.0 workflow files under contract-tests/workflows/ and refuses what the runner
// cannot honour (another source description, steps that call workflows or name a path).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Json, JsonObject } from "../../spec/openapi.ts";
import { BUNDLE_JSON } from "../../spec/paths.ts";
import type { Criterion } from "./expressions.ts";

export const WORKFLOWS_DIR = fileURLToPath(new URL("../workflows/", import.meta.url));

export interface Parameter {
  name: string;
  in: "query" | "header";
  value: Json;
}

export interface ParameterReference {
  reference: string;
  value?: Json;
}

/** A criterion the stateless mock cannot meet says why in `x-skip-on-mock`. */
export type StepCriterion = Criterion & { "x-skip-on-mock"?: string };

export interface FailureAction {
  name: string;
  type: "retry" | "end" | "goto";
  retryAfter?: number;
  retryLimit?: number;
  criteria?: Criterion[];
}

/** A call to the emulator's simulation API (`POST /_emulator/…`) made before a step, on the emulator only. */
export interface SetupCall {
  path: string;
  payload?: JsonObject;
}

export interface Step {
  stepId: string;
  operationId: string;
  parameters?: Array<Parameter | ParameterReference>;
  requestBody?: { contentType: string; payload: Json };
  successCriteria?: StepCriterion[];
  onFailure?: FailureAction[];
  outputs?: Record<string, string>;
  /** Why the step means nothing on the stateless mock, which then skips it. */
  "x-skip-on-mock"?: string;
  "x-emulator-setup"?: SetupCall[];
}

export interface Workflow {
  workflowId: string;
  summary?: string;
  steps: Step[];
  /** Why the journey can only run on the emulator; every other target skips it. */
  "x-emulator-only"?: string;
}

export interface ArazzoDocument {
  arazzo: string;
  sourceDescriptions: Array<{ name: string; url: string; type: string }>;
  components?: { parameters?: Record<string, Parameter> };
  workflows: Workflow[];
}

export interface WorkflowFile {
  path: string;
  document: ArazzoDocument;
}

export function loadWorkflowFiles(dir = WORKFLOWS_DIR): WorkflowFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".arazzo.yaml"))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const document = parse(readFileSync(path, "utf8")) as ArazzoDocument;
      assertSupported(path, document);
      return { path, document };
    });
}

function assertSupported(path: string, document: ArazzoDocument): void {
  const fail = (why: string) => {
    throw new Error(`${path}: ${why}`);
  };
  if (!/^1\.0\.\d+$/.test(String(document.arazzo))) fail(`not an Arazzo 1.0 document (arazzo: ${document.arazzo})`);
  const [source, ...others] = document.sourceDescriptions ?? [];
  if (!source || others.length > 0 || source.type !== "openapi") fail("needs exactly one source description, of type openapi");
  if (resolve(dirname(path), source!.url) !== resolve(BUNDLE_JSON)) fail(`its source description must be the bundle, not ${source!.url}`);
  for (const workflow of document.workflows) {
    for (const step of workflow.steps) {
      if (typeof step.operationId !== "string") fail(`step ${workflow.workflowId}.${step.stepId} must name an operationId`);
      for (const action of step.onFailure ?? []) {
        if (action.type !== "retry") fail(`step ${step.stepId}: only retry failure actions are supported, not ${action.type}`);
      }
    }
  }
}

/** A step's parameters with `$components.parameters.*` references replaced by the components. */
export function stepParameters(document: ArazzoDocument, step: Step): Parameter[] {
  return (step.parameters ?? []).map((parameter) => {
    if (!("reference" in parameter)) return parameter;
    const name = /^\$components\.parameters\.([\w-]+)$/.exec(parameter.reference)?.[1];
    const component = name ? document.components?.parameters?.[name] : undefined;
    if (!component) throw new Error(`Unknown parameter reference ${parameter.reference}`);
    return parameter.value === undefined ? component : { ...component, value: parameter.value };
  });
}
