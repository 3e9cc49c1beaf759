// The committed collection and environments hold what the bundle says, and the builder follows the
// bundle: one more example in the spec is one more request or saved response in the collection.
import { describe, expect, it } from "vitest";
import { productionUrl } from "../../spec/openapi.ts";
import { loadBundle, type JsonObject, type OpenApiDocument } from "../../spec/openapi.ts";
import { buildCollection } from "../../scripts/lib/postman/collection.ts";
import { serversByName } from "../../spec/local-servers.ts";
import type { Collection, Item } from "../../scripts/lib/postman/format.ts";
import { requestExampleCount, responseExampleIds, webhookExampleCount } from "./counts.ts";
import { collection, environment } from "./run-collection.ts";

const spec = loadBundle();
const items = (built: Collection): Item[] => built.item.flatMap((folder) => folder.item);
const apiItems = (built: Collection) => built.item.filter((folder) => !folder.auth).flatMap((folder) => folder.item);
const savedIds = (built: Collection) => items(built).flatMap((item) => item.response.map((response) => response.id));

describe("the Postman collection", () => {
  it("has a request per request example of the bundle, and one per webhook payload example", () => {
    expect(apiItems(collection)).toHaveLength(requestExampleCount(spec));
    expect(items(collection).length - apiItems(collection).length).toBe(webhookExampleCount(spec));
  });

  it("saves every named response example exactly once", () => {
    expect(savedIds(collection).sort()).toEqual(responseExampleIds(spec).sort());
  });

  it("authenticates once, at the top, with the environment's {{apiKey}}; only the webhook events opt out", () => {
    expect(collection.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{apiKey}}", type: "string" }] });
    expect(collection.item.filter((folder) => folder.auth).map((folder) => folder.auth?.type)).toEqual(["noauth"]);
    expect(JSON.stringify(collection.item.map((folder) => folder.item))).not.toContain('"auth"');
  });

  it("sends `+` in query values as %2B, as the API needs it", () => {
    const values = apiItems(collection).flatMap((item) => item.request.url.query ?? []).map((parameter) => parameter.value);
    expect(values.filter((value) => value.includes("%2B")).length).toBeGreaterThan(0);
    expect(values.filter((value) => value.includes("+"))).toEqual([]);
  });

  it("has an environment per server of the bundle, with its URL and an API key", () => {
    for (const [server, url] of serversByName(spec)) {
      const values = Object.fromEntries(environment(server).values.map(({ key, value }) => [key, value]));
      expect(values.baseUrl).toBe(url);
      expect(Object.keys(values)).toContain("apiKey");
    }
    expect([...serversByName(spec).keys()]).toEqual(["production", "mock", "emulator"]);
    expect(collection.variable.find((variable) => variable.key === "baseUrl")?.value).toBe(productionUrl(spec));
  });
});

describe("the collection builder", () => {
  /** The bundle with one more request example and one more error example on sendMessage. */
  function withExtraExamples(): OpenApiDocument {
    const copy = structuredClone(spec);
    const send = copy.paths["/v1/messages"]!.post as JsonObject;
    const media = ((send.requestBody as JsonObject).content as JsonObject)["application/json"] as JsonObject;
    const examples = media.examples as JsonObject;
    examples.plain = { summary: "Plain text", value: { ...((examples.reply as JsonObject).value as JsonObject), reply_to: undefined } as never };
    const responses = send.responses as JsonObject;
    responses["409"] = { description: "Conflict", content: { "application/json": { examples: { conflict: { value: { error: {} } } } } } };
    return copy;
  }

  it("follows the bundle: an extra example becomes an extra request and an extra saved response", () => {
    const built = buildCollection(withExtraExamples());
    expect(apiItems(built)).toHaveLength(apiItems(collection).length + 1);
    expect(savedIds(built)).toHaveLength(savedIds(collection).length + 1);
    expect(savedIds(built)).toContain("sendMessage.409.conflict");
    expect(items(built).map((item) => item.id)).toContain("sendMessage.plain");
  });

  it("refuses a spec whose operations use a scheme other than one bearer scheme", () => {
    const copy = structuredClone(spec);
    (copy.paths["/v1/lines"]!.get as JsonObject).security = [{ apiKeyHeader: [] }];
    expect(() => buildCollection(copy)).toThrow(/one bearer scheme/);
  });
});
