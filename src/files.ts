// Downloads: GET /v1/files answers 302, and the file is wherever Location points. Reading that
// needs `redirect: "manual"`; following the redirect would fetch the file itself.
import type { operations } from "../generated/schema.d.ts";
import { defaultClient } from "./default-client.ts";
import type { RequestOptions } from "./mutator.ts";
import { redirectLocation } from "./redirect.ts";

/** Where a file's bytes are: a storage URL that needs no API key. */
export async function getFileUrl(params: operations["getFile"]["parameters"]["query"], options: RequestOptions = {}): Promise<string> {
  const client = options.client ?? defaultClient();
  const { response } = await client.GET("/v1/files", {
    params: { query: params },
    headers: options.headers,
    signal: options.signal,
    redirect: "manual",
  });
  return redirectLocation(response);
}
