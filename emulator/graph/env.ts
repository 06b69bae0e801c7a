/** Hono typing shared by the Graph routes. */
import type { Dataset } from "../data/dataset";
import type { Tenant, TenantUser } from "../data/types";

export interface Principal {
  user: TenantUser;
  tenant: Tenant;
  appId: string;
  scopes: string[];
}

export interface GraphEnv {
  Variables: { principal: Principal; requestId: string; dataset: Dataset };
}
