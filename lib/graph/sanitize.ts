import sanitizeHtml from "sanitize-html";
import { localHostedContentUrl } from "./hosted-content-url";

const LINK_REL = "noopener noreferrer nofollow";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "div",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "strike",
    "del",
    "sub",
    "sup",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    span: ["class", "data-mention-id"],
    img: ["src", "alt", "loading", "class"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
  },
  allowedClasses: { span: ["mention", "inline-image"], img: ["inline-image"] },
  allowedSchemes: ["http", "https", "mailto"],
  // Images only from our own origin (the hosted-content route): no scheme at all.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Their text is not content either.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "iframe",
    "svg",
    "math",
    "template",
    "object",
    "title",
  ],
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: LINK_REL, target: "_blank" }),
    // Teams mentions: <at id="0">Megan Bowen</at>.
    at: (_tag, attribs) => ({ tagName: "span", attribs: { class: "mention", "data-mention-id": attribs.id ?? "" } }),
    // Teams' inline images (hostedContents) are shown through our route; any other image
    // (an outside URL can track readers) is only a marker.
    img: (_tag, attribs): sanitizeHtml.Tag => {
      const src = localHostedContentUrl(attribs.src);
      return src
        ? { tagName: "img", attribs: { src, alt: attribs.alt || "Image", loading: "lazy", class: "inline-image" } }
        : {
            tagName: "span",
            attribs: { class: "inline-image" },
            text: attribs.alt ? `[Image: ${attribs.alt}]` : "[Image]",
          };
    },
  },
  // Attachments are listed from `attachments`, not from their inline placeholders.
  exclusiveFilter: (frame) => frame.tag === "attachment",
};

/**
 * Teams message HTML made safe to render: basic formatting, links (http/https/mailto,
 * opened in a new tab without referrer), mentions as styled spans; no scripts, styles,
 * frames, event handlers or `javascript:` URLs; images only Teams' own, through our route.
 */
export function sanitizeMessageHtml(html: string | null | undefined): string {
  if (!html) return "";
  return sanitizeHtml(html, OPTIONS);
}

/** Plain text (previews, text-typed bodies) escaped as HTML. */
export function textToHtml(text: string | null | undefined): string {
  const escaped = (text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped.replace(/\n/g, "<br />");
}
