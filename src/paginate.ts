// Every item of a list operation, page after page, following `next_cursor` until it is null.
import type { components } from "../generated/schema.d.ts";

type Envelope = components["schemas"]["MessageList"];

/** A page of a list operation: the items, and the cursor of the next page. */
export type Page<Item> = { data: readonly Item[] } & Pick<Envelope, "next_cursor">;

/**
 * Iterates over every item of a list operation across all its pages:
 * `for await (const message of paginate(listMessages, { from, to }))`.
 */
export async function* paginate<Params extends { cursor?: string }, Item, Options>(
  list: (params: Params, options?: Options) => Promise<Page<Item>>,
  params: Params,
  options?: Options,
): AsyncGenerator<Item, void, undefined> {
  let cursor = params.cursor;
  do {
    const page = await list({ ...params, cursor }, options);
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
