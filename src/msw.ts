// @messages-dev/api-toolkit/msw: MSW handlers that answer with the spec's examples and statuses.
export * from "../generated/msw.ts";
