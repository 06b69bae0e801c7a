import "server-only";
import { z } from "zod";

/** Graph batches notifications; more than this in one request is not Graph. */
const MAX_ITEMS = 1_000;

const item = z.object({
  subscriptionId: z.string().min(1).max(200),
  // Checked against the stored hash, never trusted for anything else.
  clientState: z.string().max(1_000).optional().nullable(),
  subscriptionExpirationDateTime: z.string().max(100).optional(),
  tenantId: z.string().max(100).optional(),
});

/** A change notification (learn.microsoft.com/graph/change-notifications-delivery-webhooks). */
export const changeNotificationBody = z.object({
  value: z
    .array(
      item.extend({
        // Any string: a kind this app does not know is recorded as ignored, not refused.
        changeType: z.string().min(1).max(100),
        resource: z.string().min(1).max(2_000),
      }),
    )
    .max(MAX_ITEMS),
});

/** A lifecycle notification (learn.microsoft.com/graph/change-notifications-lifecycle-events). */
export const lifecycleNotificationBody = z.object({
  value: z.array(item.extend({ lifecycleEvent: z.string().min(1).max(100) })).max(MAX_ITEMS),
});

export type ChangeNotification = z.infer<typeof changeNotificationBody>["value"][number];
export type LifecycleNotification = z.infer<typeof lifecycleNotificationBody>["value"][number];
