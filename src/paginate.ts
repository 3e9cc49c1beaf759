// Every item of a list operation, page after page, following `next_cursor` until it is null.
import type { components } from "../generated/schema.d.ts";
import { PaginationError, withoutEnvelope } from "./errors.ts";

type Envelope = components["schemas"]["MessageList"];

/** A page of a list operation: the items, and the cursor of the next page. */
export type Page<Item> = { data: readonly Item[] } & Pick<Envelope, "next_cursor">;

export interface PaginateOptions {
  /** Stop after this many pages, even when there are more. */
  maxPages?: number | undefined;
}

/**
 * Iterates over every item of a list operation across all its pages:
 * `for await (const message of paginate(listMessages, { from, to }))`. A cursor the list already
 * answered ends the iteration with a PaginationError, since following it would loop forever.
 */
export async function* paginate<Params extends { cursor?: string }, Item, Options>(
  list: (params: Params, options?: Options) => Promise<Page<Item>>,
  params: Params,
  options?: Options,
  { maxPages = Number.POSITIVE_INFINITY }: PaginateOptions = {},
): AsyncGenerator<Item, void, undefined> {
  const seen = new Set<string>();
  let cursor = params.cursor;
  for (let pages = 0; pages < maxPages; pages++) {
    if (cursor !== undefined) seen.add(cursor);
    const page = await list({ ...params, cursor }, options);
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
    if (cursor === undefined) return;
    if (seen.has(cursor)) throw new PaginationError(withoutEnvelope(200, `The list answered the cursor "${cursor}" again; stopping instead of looping.`));
  }
}
