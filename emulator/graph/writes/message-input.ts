/**
 * The body of `POST …/messages` and `…/replies`, checked the way Graph checks it, with
 * Graph's errors: unreadable JSON; no body content ("Missing body content", 400); more
 * than Teams' ~28 KB message limit (413, the limit counts the markup and the mentions);
 * `mentions[]` not matching the `<at id>` markers (mentions.ts). Inline images may come
 * as `hostedContents` with `@microsoft.graph.temporaryId`, referenced from the body as
 * `../hostedContents/{temporaryId}/$value`.
 */
import { z } from "zod";
import type { Dataset } from "../../data/dataset";
import type { TenantUser } from "../../data/types";
import { checkMentions, type StoredMention } from "./mentions";

/** Teams' documented limit: "approximately 28 KB" for text, markup, links and mentions. */
export const MESSAGE_SIZE_LIMIT = 28 * 1024;

const mention = z.looseObject({
  id: z.number().int().min(0),
  mentionText: z.string(),
  mentioned: z.looseObject({
    user: z.looseObject({ id: z.string(), displayName: z.string().nullish() }).nullish(),
  }),
});

const hostedContent = z.looseObject({
  "@microsoft.graph.temporaryId": z.string().min(1),
  contentBytes: z.base64(),
  contentType: z.string().regex(/^image\//),
});

const messageBody = z.looseObject({
  body: z
    .looseObject({
      // itemBody's contentType defaults to text.
      contentType: z.enum(["html", "text"]).default("text"),
      content: z.string().nullish(),
    })
    .nullish(),
  subject: z.string().nullish(),
  mentions: z.array(mention).nullish(),
  hostedContents: z.array(hostedContent).nullish(),
});

export interface MessageInput {
  contentType: "html" | "text";
  html: string;
  subject: string | null;
  mentions: StoredMention[];
  /** Posted images, by temporaryId. */
  images: Array<{ temporaryId: string; base64: string; contentType: string }>;
}

export type InputResult =
  { ok: true; value: MessageInput } | { ok: false; status: 400 | 413; code: string; message: string };

const bad = (message: string): InputResult => ({ ok: false, status: 400, code: "BadRequest", message });

export function parseMessageInput(
  raw: unknown,
  context: { dataset: Dataset; author: TenantUser; strictMentions: boolean },
): InputResult {
  if (raw === undefined)
    return bad(
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  const parsed = messageBody.safeParse(raw);
  if (!parsed.success) return bad("Invalid request body was sent.");
  const { body, subject, mentions = [], hostedContents = [] } = parsed.data;
  const content = body?.content ?? "";
  if (!body || content.trim() === "") return bad("Missing body content");
  const size = Buffer.byteLength(content) + Buffer.byteLength(JSON.stringify(mentions ?? []));
  if (size > MESSAGE_SIZE_LIMIT)
    return { ok: false, status: 413, code: "RequestEntityTooLarge", message: "Request Entity too large." };
  const checked = checkMentions({
    html: content,
    contentType: body.contentType,
    mentions: mentions ?? [],
    dataset: context.dataset,
    author: context.author,
    strict: context.strictMentions,
  });
  if (!checked.ok) return bad(checked.message);
  return {
    ok: true,
    value: {
      contentType: body.contentType,
      html: checked.html,
      subject: subject ?? null,
      mentions: checked.mentions,
      images: (hostedContents ?? []).map((item) => ({
        temporaryId: item["@microsoft.graph.temporaryId"],
        base64: item.contentBytes,
        contentType: item.contentType,
      })),
    },
  };
}
