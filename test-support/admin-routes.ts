/**
 * Every admin API route and its methods, for authorization tests (a non-admin must get
 * 403 on each). routes.test.ts checks this list against app/api/admin/**\/route.ts, so
 * a new route or method cannot be added without appearing here. Dynamic segments hold
 * a sample value a test can call.
 */
export const SAMPLE_USER_ID = "00000000-0000-4000-8000-000000000000";
export const SAMPLE_TENANT_ID = "00000000-0000-4000-8000-0000000000aa";

export const ADMIN_API_ROUTES = [
  { file: "app/api/admin/audit/route.ts", path: "/api/admin/audit", methods: ["GET"] },
  { file: "app/api/admin/reprompts/route.ts", path: "/api/admin/reprompts", methods: ["POST"] },
  {
    file: "app/api/admin/settings/allowed-tenants/route.ts",
    path: "/api/admin/settings/allowed-tenants",
    methods: ["GET", "PUT"],
  },
  { file: "app/api/admin/tenants/route.ts", path: "/api/admin/tenants", methods: ["GET"] },
  {
    file: "app/api/admin/tenants/[tenantId]/admin-consent/route.ts",
    path: `/api/admin/tenants/${SAMPLE_TENANT_ID}/admin-consent`,
    methods: ["GET"],
  },
  {
    file: "app/api/admin/tenants/[tenantId]/policy/route.ts",
    path: `/api/admin/tenants/${SAMPLE_TENANT_ID}/policy`,
    methods: ["PUT"],
  },
  { file: "app/api/admin/users/route.ts", path: "/api/admin/users", methods: ["GET"] },
  {
    file: "app/api/admin/users/[userId]/connection/route.ts",
    path: `/api/admin/users/${SAMPLE_USER_ID}/connection`,
    methods: ["DELETE"],
  },
  {
    file: "app/api/admin/users/[userId]/reprompt/route.ts",
    path: `/api/admin/users/${SAMPLE_USER_ID}/reprompt`,
    methods: ["DELETE"],
  },
] as const;

/** Server actions of the admin area: none, every admin mutation is an API route above. */
export const ADMIN_SERVER_ACTIONS = [] as const;
