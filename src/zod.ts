// @messages-dev/api-toolkit/zod: zod schemas of every request body, query, header, response and webhook delivery.
export * from "../generated/zod.ts";
