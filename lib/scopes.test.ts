import { describe, expect, it } from "vitest";
import {
  grantAllows,
  isAdminOnlyScope,
  missingScopes,
  missingWritePermissions,
  normalizeGrantedScopes,
  scopeKeys,
  userConsentableScopes,
} from "./scopes";

const REQUIRED = ["offline_access", "User.Read", "Chat.Read", "ChannelMessage.Read.All"];

describe("scope normalisation", () => {
  it("reads Microsoft's prefixed form, drops OIDC scopes and keeps the configured casing", () => {
    const raw =
      "openid profile email https://graph.microsoft.com/User.Read https://graph.microsoft.com/chat.read  https://graph.microsoft.com/ChannelMessage.Read.All offline_access";
    expect(normalizeGrantedScopes(raw, REQUIRED)).toEqual(["User.Read", "Chat.Read", "ChannelMessage.Read.All"]);
  });

  it("reads the short form and the resource-id form alike, without duplicates", () => {
    expect(
      normalizeGrantedScopes("User.Read 00000003-0000-0000-c000-000000000000/User.Read Chat.Read", REQUIRED),
    ).toEqual(["User.Read", "Chat.Read"]);
  });

  it("keeps another resource's scope whole", () => {
    expect(normalizeGrantedScopes("https://outlook.office.com/Mail.Read")).toEqual([
      "https://outlook.office.com/Mail.Read",
    ]);
  });

  it("finds nothing missing from a prefixed or lower-cased grant; finds what is", () => {
    expect(
      missingScopes(REQUIRED, ["https://graph.microsoft.com/User.Read", "chat.read", "CHANNELMESSAGE.READ.ALL"]),
    ).toEqual([]);
    expect(missingScopes(REQUIRED, ["https://graph.microsoft.com/User.Read"])).toEqual([
      "Chat.Read",
      "ChannelMessage.Read.All",
    ]);
    expect(scopeKeys(["offline_access", "https://graph.microsoft.com/User.Read", "user.read"])).toEqual(["user.read"]);
  });

  it("tells admin-only permissions from the ones users may consent to", () => {
    expect(isAdminOnlyScope("https://graph.microsoft.com/ChannelMessage.Read.All")).toBe(true);
    expect(isAdminOnlyScope("Chat.Read")).toBe(false);
    expect(userConsentableScopes(REQUIRED)).toEqual(["offline_access", "User.Read", "Chat.Read"]);
  });
});

describe("write permissions", () => {
  const readOnly = ["User.Read", "Chat.Read", "ChannelMessage.Read.All"];
  it("are missing from a read-only grant, and named by the scope the app requests", () => {
    expect(missingWritePermissions(readOnly)).toEqual([
      "ChatMessage.Send",
      "ChannelMessage.Send",
      "User.ReadBasic.All",
    ]);
    expect(grantAllows("chat", readOnly)).toBe(false);
  });
  it("accept a broader scope that also allows the write, in either form and any case", () => {
    expect(grantAllows("chat", ["https://graph.microsoft.com/chat.readwrite"])).toBe(true);
    expect(missingWritePermissions([...readOnly, "ChatMessage.Send", "ChannelMessage.Send", "User.Read.All"])).toEqual(
      [],
    );
  });
  it("treat an unrecorded grant as unknown: Graph decides", () => {
    expect(grantAllows("channel", [])).toBe(true);
  });
});
