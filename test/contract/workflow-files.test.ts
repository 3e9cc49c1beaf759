// The Arazzo files themselves: the journeys the suite promises, valid Arazzo for the standard
// tools, and runnable by Redocly Respect against the mock where the mock can answer them.
import { mkdir, mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadWorkflowFiles, WORKFLOWS_DIR, type ArazzoDocument } from "../../contract-tests/arazzo/document.ts";
import { startMock } from "../../tooling/process/mock-server.ts";
import type { ChildService } from "../../tooling/process/service.ts";
import { BUNDLE_JSON } from "../../spec/paths.ts";
import { run } from "../../tooling/process/run.ts";

const files = loadWorkflowFiles();
const journeys = Object.fromEntries(files.flatMap(({ document }) => document.workflows.map((w) => [w.workflowId, w.steps.map((s) => s.operationId)])));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "arazzo-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("the workflow files", () => {
  it("hold the journeys of the contract suite, in order", () => {
    expect(journeys).toEqual({
      browseConversation: ["listLines", "listChats", "listMessages"],
      sendAttachment: ["uploadFile", "getFile", "sendMessage", "getOutboxItem", "listMessages"],
      reactToMessage: ["listMessages", "sendReaction", "getOutboxItem", "listReactions"],
      manageWebhook: ["createWebhook", "listWebhooks", "deleteWebhook"],
      missingApiKey: ["listLines"],
      badIdPrefix: ["getOutboxItem"],
      unknownOutboxItem: ["getOutboxItem"],
      rateLimited: ["listLines", "listLines", "listLines"],
    });
  });

  it("are valid Arazzo to Redocly's linter", async () => {
    await run("redocly", ["lint", ...files.map((f) => f.path)], { quiet: true });
  });

  it("fail Redocly's linter when a step is misspelt", async () => {
    const broken = join(scratch, "broken.arazzo.yaml");
    await writeFile(broken, (await readFile(files[0]!.path, "utf8")).replace("operationId: listChats", "operationID: listChats"));
    await expect(run("redocly", ["lint", broken], { quiet: true })).rejects.toThrow(/Validation failed with 2 errors/);
  });

  it("are refused by the runner when they describe another API than the bundle", async () => {
    const other = join(scratch, "other");
    await mkdir(other);
    const text = (await readFile(files[0]!.path, "utf8")).replace("../../generated/openapi.json", "./petstore.yaml");
    await writeFile(join(other, "pets.arazzo.yaml"), text);
    expect(() => loadWorkflowFiles(other)).toThrow(/source description must be the bundle, not .\/petstore.yaml/);
  });
});

/**
 * The workflows without what the stateless mock cannot answer (the `x-skip-on-mock` steps and
 * criteria, the `x-emulator-only` journeys) and without the redirect Respect would follow, with
 * their paths made absolute so they run from a scratch folder.
 */
function mockEdition(document: ArazzoDocument): ArazzoDocument {
  const workflows = document.workflows
    .filter((workflow) => !workflow["x-emulator-only"])
    .map((workflow) => ({
      ...workflow,
      steps: workflow.steps
        // Respect follows getFile's 302 to the storage host, off loopback; our runner checks it instead.
        .filter((step) => !step["x-skip-on-mock"] && step.operationId !== "getFile")
        .map((step) => ({
          ...step,
          successCriteria: step.successCriteria?.filter((criterion) => !criterion["x-skip-on-mock"]),
          ...(typeof step.requestBody?.payload === "string" && {
            requestBody: { ...step.requestBody, payload: step.requestBody.payload.replace("$file('./", `$file('${WORKFLOWS_DIR}`) },
          }),
        })),
    }))
    .filter((workflow) => workflow.steps.length > 0);
  return { ...document, sourceDescriptions: [{ name: "messages", url: BUNDLE_JSON, type: "openapi" }], workflows };
}

describe("Redocly Respect", () => {
  let prism: ChildService;
  beforeAll(async () => {
    prism = await startMock({ port: 0 });
  });
  afterAll(() => prism.close());

  it("runs every journey against the mock, less the steps and criteria the mock cannot answer", async () => {
    const editions = files.map(({ path, document }) => ({ path, edition: mockEdition(document) })).filter(({ edition }) => edition.workflows.length > 0);
    const paths = await Promise.all(
      editions.map(async ({ path, edition }) => {
        const copy = join(scratch, path.slice(WORKFLOWS_DIR.length));
        await writeFile(copy, stringify(edition));
        return copy;
      }),
    );
    const report = join(scratch, "respect.json");
    const inputs = ["api_key=sk_live_contract_mock", "from=+15551234567", "to=+15559876543", "webhook_url=http://127.0.0.1:9/hook"];
    await run("redocly", ["respect", ...paths, "--server", `messages=${prism.url}`, ...inputs.flatMap((i) => ["--input", i]), "-J", report], { quiet: true });
    const { files: results } = JSON.parse(await readFile(report, "utf8")) as {
      files: Record<string, { executedWorkflows: Array<{ executedSteps: Array<{ status: string }> }> }>;
    };
    const steps = Object.values(results).flatMap((file) => file.executedWorkflows.flatMap((workflow) => workflow.executedSteps));
    expect(steps.length).toBeGreaterThanOrEqual(10);
    expect(steps.every((step) => step.status === "success")).toBe(true);
  });
});
