// The list operations' shared shape: a page of resources, newest first (unless the config's
// readings say otherwise).
import type { ApiRequest, EmulatorContext, Success } from "../context.ts";
import { listPage, type ListQuery } from "../state/pagination.ts";

export function listReply<Row extends { seq: number }>(emulator: EmulatorContext, request: ApiRequest, query: ListQuery<Row>): Success {
  const { defaultPageSize, maxPageSize, operationId } = request.operation;
  const asked = request.query.number("limit") ?? defaultPageSize;
  if (asked === undefined || maxPageSize === undefined) throw new Error(`${operationId} has no page size in the spec`);
  // Unconfirmed in the spec (claim limit-above-largest-page): a limit above the largest page
  // returns the largest page (unless the readings refuse it: see the HTTP layer).
  const limit = Math.min(asked, maxPageSize);
  const page = listPage(emulator.db, query, limit, request.query.optional("cursor"));
  const data = emulator.config.readings.list_order === "oldest_first" ? page.data.toReversed() : page.data;
  return { body: { data, has_more: page.has_more, next_cursor: page.next_cursor } };
}
