import { describe, expect, test } from "vitest";
import { expandText } from "../../../../src/import/fetch/text.ts";
import { decodeXEntities } from "../../../../src/tweet/html.ts";

/** The code-point range of `part` in `text`, as X counts its indices. */
function at(text: string, part: string): [number, number] {
  const from = Array.from(text.slice(0, text.indexOf(part))).length;
  return [from, from + Array.from(part).length];
}

describe("expandText", () => {
  test("counts indices in code points: a link after an emoji is expanded whole", () => {
    const text = "🎉🎉 read https://t.co/abc123 now";
    const urls = [
      {
        url: "https://t.co/abc123",
        expanded_url: "https://example.org/a",
        indices: at(text, "https://t.co/abc123"),
      },
    ];
    // In UTF-16 units the link starts two places later than X says.
    expect(urls[0]!.indices[0]).toBe(text.indexOf("https://t.co/abc123") - 2);
    expect(expandText({ text, entities: { urls } })).toBe("🎉🎉 read https://example.org/a now");
  });

  test("decodes &amp;, &lt; and &gt; once, and not inside expanded links", () => {
    const text = "a &amp;lt; b &lt;3 &gt; https://t.co/x1";
    const urls = [
      {
        url: "https://t.co/x1",
        expanded_url: "https://example.org/?a=1&amp;b=2",
        indices: at(text, "https://t.co/x1"),
      },
    ];
    expect(expandText({ text, entities: { urls } })).toBe("a &lt; b <3 > https://example.org/?a=1&amp;b=2");
    expect(decodeXEntities("&amp;amp;")).toBe("&amp;");
  });

  test("drops a reply's hidden @mentions and the trailing media link", () => {
    const text = "@ada @grace Agreed! https://t.co/media1";
    const start = Array.from("@ada @grace ").length;
    const source = {
      text,
      display_text_range: [start, at(text, " https://t.co/media1")[0]] as [number, number],
      entities: { media: [{ url: "https://t.co/media1", indices: at(text, "https://t.co/media1") }] },
    };
    expect(expandText(source)).toBe("Agreed!");
  });

  test("finds a link whose indices are off, and drops the quoted tweet's link at the end", () => {
    const text = "Read this https://t.co/q1";
    const urls = [
      {
        url: "https://t.co/q1",
        expanded_url: "https://twitter.com/ada/status/20",
        indices: [3, 9] as [number, number],
      },
    ];
    expect(expandText({ text, entities: { urls } })).toBe("Read this https://x.com/ada/status/20");
    expect(expandText({ text, entities: { urls } }, (link) => link.endsWith("/status/20"))).toBe("Read this");
  });
});

describe("expandText, given what a hostile X might send", () => {
  test("a link expanded to anything but a plain http(s) URL stays the t.co link it was", () => {
    const text = "see https://t.co/a1 and https://t.co/b2 and https://t.co/c3";
    const urls = [
      { url: "https://t.co/a1", expanded_url: "javascript:alert(document.cookie)" },
      { url: "https://t.co/b2", expanded_url: "https://example.org/\n\n@everyone click" },
      { url: "https://t.co/c3", expanded_url: "data:text/html,<script>alert(1)</script>" },
    ].map((link) => ({ ...link, indices: at(text, link.url) }));
    expect(expandText({ text, entities: { urls } })).toBe(text);
  });

  test("enormous, negative and reversed indices, emoji, combining marks and RTL text neither throw nor garble", () => {
    const text = "שלום 👩‍👩‍👧 é https://t.co/x1 مرحبا";
    const link = { url: "https://t.co/x1", expanded_url: "https://example.org/ü" };
    for (const indices of [
      [1e300, 2e300],
      [-20, -5],
      [30, 10],
    ] as [number, number][]) {
      expect(
        expandText({ text, display_text_range: [-5, 1e300], entities: { urls: [{ ...link, indices }] } }),
      ).toBe("שלום 👩‍👩‍👧 é https://example.org/ü مرحبا");
    }
  });
});
