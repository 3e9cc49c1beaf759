// The emulator README's worked example is emulator/examples/worked-example.ts, word for word (from its import
// on); this runs it
// against a fresh emulator and checks what it prints.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../spec/paths.ts";
import { TestEmulator } from "./harness.ts";

const EXAMPLE = "emulator/examples/worked-example.ts";

describe("the emulator README's worked example", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await TestEmulator.start();
  });
  afterAll(() => emulator.close());

  it("injects a message, replies, flushes and lists the chat", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", EXAMPLE], { cwd: ROOT, env: { ...process.env, EMULATOR_URL: emulator.url } });
    const [created, reply, question] = stdout.trim().split("\n");
    expect(created).toMatch(/^201 pending obx_[A-Za-z0-9]+$/);
    expect(reply).toBe("line    : Yes! It ships today.");
    expect(question).toBe("customer: Is my order on its way?");
  });

  it("is printed in emulator/README.md as it is in the file", async () => {
    const [readme, example] = await Promise.all([readFile(`${ROOT}emulator/README.md`, "utf8"), readFile(`${ROOT}${EXAMPLE}`, "utf8")]);
    expect(readme).toContain(example.slice(example.indexOf("import ")));
  });
});
