// @messages-dev/api-toolkit/react: React Query v5 hooks and query keys, one per operation.
export * from "../generated/react.ts";
