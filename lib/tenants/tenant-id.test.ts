import { describe, expect, it } from "vitest";
import { isTenantId } from "./tenant-id";

describe("isTenantId", () => {
  it("takes a GUID in either case", () => {
    expect(isTenantId("6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64")).toBe(true);
    expect(isTenantId("6E1B8A3C-2F4D-4B7E-9C1A-0D5F3E2A7B64")).toBe(true);
  });

  it("refuses domains, the multi-tenant names and near-GUIDs", () => {
    for (const value of [
      "contoso.com",
      "organizations",
      "common",
      "6e1b8a3c2f4d4b7e9c1a0d5f3e2a7b64",
      "------------------------------------",
      "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64\n",
      "",
      null,
      undefined,
    ])
      expect(isTenantId(value), String(value)).toBe(false);
  });
});
