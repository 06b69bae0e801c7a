import "server-only";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";
import { myGraphId } from "@/lib/graph/me";
import { chatMembersMatching, organisationPeople } from "@/lib/graph/people";
import type { PersonView } from "@/lib/graph/types";
import { logger } from "@/lib/logger";
import { grantAllows } from "@/lib/scopes";

/**
 * Whom the composer can mention: the chat's members first, then the organisation (where
 * the user granted directory search; without it, members only: the picker never asks
 * for a permission by itself). Each person once, members winning; never the user.
 */
export async function findPeople(userId: string, query: string, chatId?: string): Promise<PersonView[]> {
  const connection = await findUserConnection(userId);
  const searchOrg = !!connection && grantAllows("people", connection.grantedScopes);
  const [selfId, members, organisation] = await Promise.all([
    myGraphId(userId).catch(() => null),
    chatId ? chatMembersMatching(userId, chatId, query) : Promise.resolve([]),
    searchOrg
      ? organisationPeople(userId, query).catch((error: unknown) => {
          logger.warn("people search failed", { code: (error as { code?: unknown })?.code });
          return [];
        })
      : Promise.resolve([]),
  ]);
  const seen = new Set([selfId, ...members.map((person) => person.id)]);
  return [
    ...members.filter((person) => person.id !== selfId),
    ...organisation.filter((person) => !seen.has(person.id)),
  ];
}
