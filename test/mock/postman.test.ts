// The collection with its mock environment, run by newman against the mock: the mock needs no
// setup, so every API request goes as the collection has it, and must get its operation's success
// status with a body the bundle accepts. Without the key, Prism refuses every request.
import { describe, expect, inject, it } from "vitest";
import { loadBundle } from "../../spec/openapi.ts";
import { apiExecutions, requestProblems, successfulRequests } from "../postman/checks.ts";
import { requestExampleCount } from "../postman/counts.ts";
import { collection, environment, runNewman } from "../postman/run-collection.ts";

/** The folders of API requests; the webhook events go to a receiver, which the mock is not. */
const apiFolders = collection.item.filter((folder) => !folder.auth).map((folder) => folder.name);
const run = (envVar: Array<{ key: string; value: string }> = []) =>
  runNewman({ collection, environment: environment("mock"), folder: apiFolders, envVar: [{ key: "baseUrl", value: inject("mockUrl") }, ...envVar] });

describe("newman running the collection against the mock, with the mock environment", () => {
  it("gets each request its example's success status, with a body the bundle accepts", async () => {
    const summary = await run();
    expect(successfulRequests(summary)).toHaveLength(requestExampleCount(loadBundle()));
    expect(requestProblems(summary)).toEqual([]);
  });

  it("fails without the API key: no request gets its example's status", async () => {
    const summary = await run([{ key: "apiKey", value: "" }]);
    expect(apiExecutions(summary)).toHaveLength(requestExampleCount(loadBundle()));
    expect(successfulRequests(summary)).toEqual([]);
  });
});
