import { describe, expect, it } from "vitest";
import { composeMessageHtml, MAX_CONTENT_CHARS } from "./compose-html";

const megan = { id: "11111111-1111-4111-8111-111111111111", name: "Megan Bowen" };
const alex = { id: "22222222-2222-4222-8222-222222222222", name: "Alex Wilber" };

/** Every `<at id>` in the HTML, with its text, in order. */
function tags(html: string) {
  return [...html.matchAll(/<at id="(\d+)">([^<]*)<\/at>/g)].map((m) => ({ id: Number(m[1]), text: m[2] }));
}

describe("composeMessageHtml", () => {
  it("pairs each picked person with one <at> tag and one mentions[] entry, in order", () => {
    const { html, mentions } = composeMessageHtml("@Megan Bowen and @Alex Wilber: ship it, @Megan Bowen", [
      megan,
      alex,
      megan,
    ]);
    expect(tags(html)).toEqual([
      { id: 0, text: "Megan Bowen" },
      { id: 1, text: "Alex Wilber" },
      { id: 2, text: "Megan Bowen" },
    ]);
    expect(mentions.map((m) => [m.id, m.mentionText, m.mentioned?.user?.id])).toEqual([
      [0, "Megan Bowen", megan.id],
      [1, "Alex Wilber", alex.id],
      [2, "Megan Bowen", megan.id],
    ]);
    expect(html).toBe(
      '<at id="0">Megan Bowen</at> and <at id="1">Alex Wilber</at>: ship it, <at id="2">Megan Bowen</at>',
    );
  });

  it("leaves an @name the author typed without picking anyone as text", () => {
    const { html, mentions } = composeMessageHtml("ask @Megan Bowen", []);
    expect(html).toBe("ask @Megan Bowen");
    expect(mentions).toEqual([]);
  });

  it("refuses a picked mention whose text was edited away", () => {
    expect(() => composeMessageHtml("hello @Megan", [megan])).toThrow(/mention of Megan Bowen/);
  });

  it("escapes markup the author typed, and a name with markup", () => {
    const evil = { id: megan.id, name: "<b>Meg</b>" };
    const { html } = composeMessageHtml("<img src=x onerror=alert(1)> @<b>Meg</b>", [evil]);
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt; <at id="0">&lt;b&gt;Meg&lt;/b&gt;</at>');
  });

  it("links http(s) URLs only, without the sentence's punctuation", () => {
    const { html } = composeMessageHtml("see https://contoso.example/a?b=1&c=2. not javascript:alert(1)");
    expect(html).toBe(
      'see <a href="https://contoso.example/a?b=1&amp;c=2" rel="noopener noreferrer">https://contoso.example/a?b=1&amp;c=2</a>. not javascript:alert(1)',
    );
  });

  it("keeps line breaks", () => {
    expect(composeMessageHtml("one\ntwo\r\nthree").html).toBe("one<br>two<br>three");
  });

  it("refuses empty and oversized messages with a clear error", () => {
    expect(() => composeMessageHtml("  \n ")).toThrow(/Write a message/);
    expect(() => composeMessageHtml("x".repeat(MAX_CONTENT_CHARS + 1))).toThrow(/too long/);
    // Under the character limit but over Graph's 28 KB once escaped.
    expect(() => composeMessageHtml("<".repeat(MAX_CONTENT_CHARS))).toThrow(/28 KB/);
  });
});
