/**
 * Finding people to @mention. `GET /users` lists the caller's tenant; `$search` needs the
 * `ConsistencyLevel: eventual` header (else Graph's 400 Request_UnsupportedQuery) and
 * takes quoted `"property:term"` clauses joined by AND/OR, each matching word prefixes
 * (the directory tokenises names and addresses); `$top` ≤ 999, `$select`, `$count=true`.
 * `GET /me/people` (People.Read) ranks the colleagues the user shares chats with.
 */
import type { Context, Hono } from "hono";
import type { TenantUser } from "../data/types";
import { requireScopes } from "./auth";
import { odataContext, skipSecret, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest, graphError } from "./errors";
import { paginate } from "./paging";
import { userShape } from "./shapes";

const USERS = ["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"];
const PEOPLE = ["People.Read", "People.Read.All"];
/** What userShape returns: the properties `$select` may name. */
const USER_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];
const SEARCHABLE = { displayName: 0, givenName: 0, surname: 0, mail: 0, userPrincipalName: 0 } as const;

type C = Context<GraphEnv>;
type Property = keyof typeof SEARCHABLE;

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s@._\-,]+/)
    .filter(Boolean);

/** True when every word of the term starts some word of the value. */
const matches = (value: string, term: string) => {
  const valueWords = words(value);
  return words(term).every((word) => valueWords.some((candidate) => candidate.startsWith(word)));
};

/** `"displayName:meg" OR "mail:meg"` → a predicate, or an error message. */
function parseSearch(search: string): ((user: TenantUser) => boolean) | string {
  const parts = search.trim().split(/\s+(AND|OR)\s+/);
  const clauses: Array<(user: TenantUser) => boolean> = [];
  const operators: string[] = [];
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) {
      operators.push(part);
      continue;
    }
    const clause = /^"([A-Za-z]+):([^"]*)"$/.exec(part);
    if (!clause) return `Syntax error: '${part}' must be a quoted "property:term" clause, e.g. "displayName:meg".`;
    const property = clause[1] as Property;
    if (!(property in SEARCHABLE))
      return `Unsupported or invalid query filter clause specified for property '${clause[1]}' of resource 'User'.`;
    clauses.push((user) => matches(user[property], clause[2]!));
  }
  return (user) =>
    clauses
      .slice(1)
      .reduce(
        (result, clause, i) => (operators[i] === "OR" ? result || clause(user) : result && clause(user)),
        clauses[0]!(user),
      );
}

function selectFields(c: C): string[] | undefined | Response {
  const raw = c.req.query("$select");
  if (!raw) return undefined;
  const fields = raw.split(",").map((field) => field.trim());
  const unknown = fields.find((field) => !USER_PROPERTIES.includes(field));
  if (unknown)
    return badRequest(
      c,
      `Parsing OData Select and Expand failed: Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
    );
  return fields;
}

export function registerPeopleRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;

  app.get("/v1.0/users", requireScopes(...USERS), t.middleware("other"), (c) => {
    const { user: me } = c.get("principal");
    const search = c.req.query("$search");
    let users = c.get("dataset").tenant(me.tenantId)?.users ?? [];
    if (search !== undefined) {
      if (c.req.header("consistencylevel")?.toLowerCase() !== "eventual") {
        return graphError(
          c,
          400,
          "Request_UnsupportedQuery",
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        );
      }
      const predicate = parseSearch(search);
      if (typeof predicate === "string") return graphError(c, 400, "Request_UnsupportedQuery", predicate);
      users = users.filter(predicate);
    }
    const select = selectFields(c);
    if (select instanceof Response) return select;
    const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    const page = paginate(c, sorted, {
      defaultTop: 100,
      maxTop: 999,
      graphOrigin: deps.origin,
      secret: skipSecret(deps),
    });
    if (!page.ok) return page.response;
    const shape = (user: TenantUser) => {
      const full = userShape(user) as Record<string, unknown>;
      return select ? Object.fromEntries(select.map((field) => [field, full[field]])) : full;
    };
    return c.json({
      "@odata.context": odataContext(deps, select ? `users(${select.join(",")})` : "users"),
      ...(c.req.query("$count") === "true" ? { "@odata.count": sorted.length } : {}),
      ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
      value: page.value.map(shape),
    });
  });

  app.get("/v1.0/me/people", requireScopes(...PEOPLE), t.middleware("other"), (c) => {
    const dataset = c.get("dataset");
    const { user: me } = c.get("principal");
    const term = (c.req.query("$search") ?? "").replace(/^"|"$/g, "");
    const shared = new Map<string, number>();
    for (const chat of dataset.chatsOf(me.id))
      for (const id of chat.memberIds) if (id !== me.id) shared.set(id, (shared.get(id) ?? 0) + 1);
    const top = Number(c.req.query("$top") ?? 10);
    if (!Number.isInteger(top) || top < 1 || top > 1000)
      return badRequest(c, `Invalid $top value '${c.req.query("$top")}'.`);
    const people = [...shared.entries()]
      .map(([id, count]) => ({ user: dataset.users.get(id)!, count }))
      .filter(({ user }) => user && (!term || matches(`${user.displayName} ${user.mail}`, term)))
      .sort((a, b) => b.count - a.count || a.user.displayName.localeCompare(b.user.displayName))
      .slice(0, top);
    return c.json({
      "@odata.context": odataContext(deps, `users('${me.id}')/people`),
      value: people.map(({ user, count }) => ({
        id: user.id,
        displayName: user.displayName,
        givenName: user.givenName,
        surname: user.surname,
        jobTitle: user.jobTitle,
        department: user.department,
        officeLocation: user.officeLocation,
        userPrincipalName: user.userPrincipalName,
        scoredEmailAddresses: [{ address: user.mail, relevanceScore: count, selectionLikelihood: "notSpecified" }],
        personType: { class: "Person", subclass: "OrganizationUser" },
      })),
    });
  });
}
