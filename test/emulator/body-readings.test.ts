// What the emulator does with bodies whose handling the API does not document: the spec's reading of
// each claim (openapi/components/examples/invalid_json.yaml), never a silent alteration.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTACT, KEY, SUPPORT, TestEmulator, raw } from "./harness.ts";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await TestEmulator.start();
  await emulator.inbound();
});
afterAll(() => emulator.close());

const send = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  raw(emulator.url, "POST", "/v1/messages", { authorization: `Bearer ${KEY}`, ...headers }, body);

describe("a JSON body", () => {
  it("with a lone surrogate is refused, naming the field (claim lone-surrogates-refused), not stored altered", async () => {
    for (const text of ['"Hi \\ud800"', '"\\udc00 there"']) {
      const answer = await send(`{"from": "${SUPPORT}", "to": "${CONTACT}", "text": ${text}}`);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_parameter_value", param: "text" } } });
    }
    expect((await send(JSON.stringify({ from: SUPPORT, to: CONTACT, text: "A pair is fine: 😀" }))).status).toBe(201);
  });

  it("sent as text/plain, or with no Content-Type, is read as JSON (claim json-body-any-content-type)", async () => {
    const body = JSON.stringify({ from: SUPPORT, to: CONTACT, text: "Hi" });
    expect((await send(body, { "content-type": "text/plain" })).status).toBe(201);
    expect((await send(body, {})).status).toBe(201);
  });

  it.each(["gzip", "gzip, chunked", "deflate, chunked"])("with Transfer-Encoding %s is refused in the envelope (claim transfer-encoding-refused), not read as plain", async (coding) => {
    const body = JSON.stringify({ from: SUPPORT, to: CONTACT, text: "Hi" });
    const answer = await send(body, { "content-type": "application/json", "transfer-encoding": coding });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_parameter_value" }, request_id: expect.stringMatching(/^req_/) } });
  });
});
