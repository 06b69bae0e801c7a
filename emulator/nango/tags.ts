/**
 * Connection tags derived from a connect session, as Nango's `buildTagsFromEndUser`:
 * end_user_id/email/display_name, organization_id/display_name, then end_user.tags with
 * lower-cased keys (dropped entirely if they would exceed 10 keys), then body.tags on top.
 */
import type { EndUserInput, OrganizationInput } from "./schemas";

const MAX_TAGS = 10;

export function buildTags(
  endUser: EndUserInput | undefined,
  organization: OrganizationInput | undefined,
  bodyTags: Record<string, string> | undefined,
): Record<string, string> {
  const base: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (typeof value === "string" && value.length > 0) base[key] = value.slice(0, 255);
  };
  set("end_user_id", endUser?.id);
  set("end_user_email", endUser?.email);
  set("end_user_display_name", endUser?.display_name);
  set("organization_id", organization?.id);
  set("organization_display_name", organization?.display_name);

  let generated = base;
  const fromEndUser: Record<string, string> = {};
  for (const [key, value] of Object.entries(endUser?.tags ?? {})) {
    if (value.length > 0) fromEndUser[key.toLowerCase().slice(0, 64)] = value.slice(0, 255);
  }
  if (Object.keys(fromEndUser).length > 0) {
    const merged = { ...base, ...fromEndUser };
    if (Object.keys(merged).length <= MAX_TAGS) generated = merged;
  }
  return { ...generated, ...bodyTags };
}
