// @vitest-environment happy-dom
// The generated hooks against the emulator, unchanged: a query, a mutation whose write shows up in
// the next query, and a typed error, over real HTTP (CORS included, as a browser app would see it).
// Once against full answers, once against sparse ones (every optional field left out).
import { renderHook, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, spawnService, type ChildService } from "../../tooling/process/service.ts";
import { configure, NotFoundError } from "../../src/index.ts";
import { useCreateSandbox, useGetOutboxItem, useGetSandbox, useListMessages, useSendMessage } from "../../src/react.ts";
import { wrapper } from "./support/query-wrapper.ts";

const LINE = "+15551234567";
const CONTACT = "+15559876543";

describe.each([{ answers: "full", flags: [] }, { answers: "sparse", flags: ["--sparse"] }])("the generated hooks against the emulator, $answers answers", ({ flags }) => {
  const sparse = flags.length > 0;
  let emulator: ChildService;

  // Its own process: the emulator reads the bundle through scripts/lib, which happy-dom's URL breaks.
  beforeAll(async () => {
    const port = await freePort();
    const args = ["--import", "tsx", "emulator/cli.ts", "--port", String(port), ...flags];
    emulator = await spawnService({ name: "emulator", command: process.execPath, args, port });
    configure({ apiKey: "sk_live_emulator", baseUrl: emulator.url, maxRetries: 0 });
    await fetch(`${emulator.url}/_emulator/inbound/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ line: LINE, from: CONTACT, text: "Hello?" }) });
  });
  afterAll(() => emulator.close());

  it("send a message, and list it once the outbox has sent it", async () => {
    const send = renderHook(() => useSendMessage(), { wrapper });
    const queued = await send.result.current.mutateAsync({ data: { from: LINE, to: CONTACT, text: "Hi from a hook" } });
    await fetch(`${emulator.url}/_emulator/outbox/flush`, { method: "POST" });
    const list = renderHook(() => useListMessages({ from: LINE, to: CONTACT }), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    expect(list.result.current.data?.data[0]).toMatchObject({ is_from_me: true, ...(!sparse && { outbox_id: queued.id, text: "Hi from a hook" }) });
    if (sparse) expect(Object.keys(list.result.current.data!.data[0]!)).not.toContain("outbox_id");
  });

  it("create the sandbox with a mutation, and read it back pending with its activation code", async () => {
    const create = renderHook(() => useCreateSandbox(), { wrapper });
    const created = await create.result.current.mutateAsync();
    const read = renderHook(() => useGetSandbox(), { wrapper });
    await waitFor(() => expect(read.result.current.isSuccess).toBe(true));
    expect(read.result.current.data).toMatchObject({ status: "pending", activation_code: created.activation_code });
  });

  it("put the emulator's 404 in `error` as a typed error", async () => {
    const { result } = renderHook(() => useGetOutboxItem({ id: "obx_0unknown0" }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.error).toMatchObject({ code: "outbox_item_not_found" });
  });
});
