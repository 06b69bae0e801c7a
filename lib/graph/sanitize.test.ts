import { describe, expect, it } from "vitest";
import { sanitizeMessageHtml, textToHtml } from "./sanitize";

describe("sanitizeMessageHtml", () => {
  it("keeps basic formatting", () => {
    expect(sanitizeMessageHtml("<p>Hello <b>bold</b> <em>it</em></p><ul><li>one</li></ul>")).toBe(
      "<p>Hello <b>bold</b> <em>it</em></p><ul><li>one</li></ul>",
    );
  });

  it("drops script and style elements with their content", () => {
    const out = sanitizeMessageHtml("<p>hi</p><script>alert(1)</script><style>p{color:red}</style>");
    expect(out).toBe("<p>hi</p>");
  });

  it("strips event handlers such as onerror and onclick", () => {
    const out = sanitizeMessageHtml('<img src="x" onerror="alert(1)"><p onclick="steal()">text</p>');
    expect(out).not.toMatch(/onerror|onclick|alert|steal/);
    expect(out).toContain("<p>text</p>");
  });

  it("removes javascript: and data: links but keeps their text", () => {
    const out = sanitizeMessageHtml(
      '<a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt:alert(1)">two</a> <a href="data:text/html,x">three</a>',
    );
    expect(out).not.toMatch(/javascript|data:/i);
    expect(out).toContain("click");
  });

  it("opens safe links in a new tab without referrer", () => {
    const out = sanitizeMessageHtml(
      '<a href="https://example.com/a?b=1" target="_self" rel="opener">site</a> <a href="mailto:a@b.example">mail</a>',
    );
    expect(out).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
    expect(out).toContain('href="mailto:a@b.example"');
  });

  it("drops protocol-relative links", () => {
    expect(sanitizeMessageHtml('<a href="//evil.example/x">x</a>')).not.toContain("evil.example");
  });

  it("removes iframes, objects and embeds", () => {
    const out = sanitizeMessageHtml(
      '<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="y"><p>ok</p>',
    );
    expect(out).toBe("<p>ok</p>");
  });

  it("removes svg with onload", () => {
    const out = sanitizeMessageHtml('<svg onload="alert(1)"><circle r="1"/></svg><p>ok</p>');
    expect(out).toBe("<p>ok</p>");
  });

  it("removes style attributes and unknown classes", () => {
    const out = sanitizeMessageHtml(
      '<p style="position:fixed;top:0" class="x">a</p><span style="background:url(javascript:x)">b</span>',
    );
    expect(out).toBe("<p>a</p><span>b</span>");
  });

  it("renders Teams mentions as styled spans", () => {
    expect(sanitizeMessageHtml('<p><at id="0">Megan Bowen</at> hi</p>')).toBe(
      '<p><span class="mention" data-mention-id="0">Megan Bowen</span> hi</p>',
    );
  });

  it("replaces inline images by a marker and drops attachment placeholders", () => {
    const out = sanitizeMessageHtml(
      '<p>see</p><img src="https://graph.microsoft.com/v1.0/x/$value" alt="chart"><attachment id="abc"></attachment>',
    );
    expect(out).not.toContain("<img");
    expect(out).toContain("[Image: chart]");
    expect(out).not.toContain("attachment");
  });

  it("shows Teams' hosted images through our route, with the ids encoded", () => {
    const chat = sanitizeMessageHtml(
      '<p>look</p><img src="https://graph.microsoft.com/v1.0/chats/19:abc@thread.v2/messages/1700000000000/hostedContents/aWQ9eF8w+Lw==/$value" alt="whiteboard" onerror="alert(1)" style="width:9999px">',
    );
    expect(chat).toBe(
      '<p>look</p><img src="/api/chats/19%3Aabc%40thread.v2/messages/1700000000000/hosted-contents/aWQ9eF8w%2BLw%3D%3D" alt="whiteboard" loading="lazy" class="inline-image" />',
    );
    const reply = sanitizeMessageHtml(
      '<img src="https://graph.microsoft.com/v1.0/teams/t1/channels/19%3Ac%40thread.tacv2/messages/1/replies/2/hostedContents/h1/$value">',
    );
    expect(reply).toContain(
      'src="/api/teams/t1/channels/19%3Ac%40thread.tacv2/messages/1/replies/2/hosted-contents/h1" alt="Image"',
    );
  });

  it("never lets an image id walk out of its path", () => {
    const out = sanitizeMessageHtml(
      '<img src="https://graph.microsoft.com/v1.0/chats/..%2F..%2Fadmin/messages/1/hostedContents/h/$value">',
    );
    expect(out).toBe('<span class="inline-image">[Image]</span>');
  });

  it("neutralises broken markup", () => {
    const out = sanitizeMessageHtml(
      '<p>x</p><scr<script>ipt>alert(1)</script><a href="jav&#x09;ascript:alert(1)">y</a>',
    );
    expect(out).not.toMatch(/<script|javascript|alert\(1\)<\/a/i);
  });
});

describe("textToHtml", () => {
  it("escapes markup in plain-text bodies", () => {
    expect(textToHtml('<b>x</b> & "y"\nz')).toBe("&#60;b&#62;x&#60;/b&#62; &#38; &#34;y&#34;<br />z");
  });
});
