import "server-only";
import type { User } from "@microsoft/microsoft-graph-types";
import { getChat } from "./chats";
import { graphConnectionFor } from "./connection";
import { graphRequest } from "./request";
import type { PersonView } from "./types";

const LIMIT = 8;

/** `$search` takes a quoted phrase: quotes and backslashes would end it early. */
const searchTerm = (query: string) => query.replace(/["\\]/g, " ").trim().slice(0, 64);

const matches = (query: string, ...fields: (string | null)[]) =>
  fields.some((field) => field?.toLowerCase().includes(query.toLowerCase()));

/** A chat's members matching the query (from the cached chat read). */
export async function chatMembersMatching(userId: string, chatId: string, query: string): Promise<PersonView[]> {
  const { members } = await getChat(userId, chatId);
  return members
    .filter((member) => member.userId && matches(query, member.name, member.email))
    .slice(0, LIMIT)
    .map((member) => ({ id: member.userId!, name: member.name, email: member.email, source: "member" }));
}

/**
 * People in the user's organisation matching the query: Graph's directory search, which
 * needs `ConsistencyLevel: eventual` (and User.ReadBasic.All).
 */
export async function organisationPeople(userId: string, query: string): Promise<PersonView[]> {
  const term = searchTerm(query);
  if (!term) return [];
  const search = encodeURIComponent(`"displayName:${term}" OR "mail:${term}"`);
  const connection = await graphConnectionFor(userId);
  const { data } = await graphRequest<{ value?: User[] }>(connection, {
    endpoint: `/v1.0/users?$search=${search}&$select=id,displayName,mail,userPrincipalName&$top=${LIMIT}`,
    headers: { ConsistencyLevel: "eventual" },
  });
  return (data.value ?? [])
    .filter((user) => user.id)
    .map((user) => ({
      id: user.id!,
      name: user.displayName ?? user.mail ?? "Unknown",
      email: user.mail ?? user.userPrincipalName ?? null,
      source: "organization",
    }));
}
