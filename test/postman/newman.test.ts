// newman runs the committed collection against the emulator: every request gets its operation's
// success status and a body the bundle accepts, one request per request example; the webhook events
// arrive signed, and what one request creates, the next ones use. Without the API key, the same run
// fails request by request.
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundle } from "../../spec/openapi.ts";
import { apiExecutions, chainProblems, deliveryProblems, requestProblems, successfulRequests } from "./checks.ts";
import { requestExampleCount, webhookExampleCount } from "./counts.ts";
import { collection, runCollection, WEBHOOK_SECRET, type CollectionRun } from "./run-collection.ts";

const spec = loadBundle();
const requests = requestExampleCount(spec);

describe("newman running the collection against the emulator", () => {
  let run: CollectionRun;
  beforeAll(async () => {
    run = await runCollection();
  });

  it("sends one request per request example of the bundle", () => {
    expect(apiExecutions(run.summary)).toHaveLength(requests);
  });

  it("gets each request its example's success status, with a body the bundle accepts", () => {
    expect(successfulRequests(run.summary)).toHaveLength(requests);
    expect(requestProblems(run.summary)).toEqual([]);
  });

  it("passes the collection's own status tests: one per request, none failed", () => {
    expect(run.summary.run.stats.assertions).toMatchObject({ total: requests, failed: 0 });
  });

  it("sends, after a request that creates something, the id it created wherever its variable is used", () => {
    const { problems, checked } = chainProblems(run.summary, collection);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it("delivers each webhook event example to the receiver, signed so that verifyWebhook accepts it", async () => {
    expect(run.deliveries).toHaveLength(webhookExampleCount(spec));
    expect(await deliveryProblems(run.deliveries, WEBHOOK_SECRET)).toEqual([]);
  });

  it("has deliveries that another secret does not verify", async () => {
    expect(await deliveryProblems(run.deliveries, `${WEBHOOK_SECRET}_other`)).toHaveLength(run.deliveries.length);
  });
});

describe("newman running the collection without the API key", () => {
  let run: CollectionRun;
  beforeAll(async () => {
    run = await runCollection({ apiKey: "" });
  });

  it("fails: no request gets its example's status, and the collection's status tests say so", () => {
    expect(apiExecutions(run.summary)).toHaveLength(requests);
    expect(successfulRequests(run.summary)).toEqual([]);
    expect(requestProblems(run.summary)).not.toEqual([]);
    expect(run.summary.run.stats.assertions).toMatchObject({ total: requests, failed: requests });
  });

  it("creates nothing for the requests after it to use", () => {
    expect(chainProblems(run.summary, collection).problems).not.toEqual([]);
  });
});
