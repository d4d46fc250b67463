import { describe, expect, test } from "vitest";
import { siteSchema, type TweetInput } from "../../../src/curator/schema.ts";
import { UNKNOWN_AUTHOR } from "../../../src/view/author.ts";
import { withoutAttachmentLinks } from "../../../src/view/text.ts";
import { buildWallView } from "../../../src/view/wall.ts";

const site = siteSchema.parse({
  title: "T",
  author: { name: "Site Author", handle: "site", avatar: "media/me.jpg" },
  url: "https://example.org/",
});
const photo = { src: "media/a.jpg", alt: "a photo", width: 4, height: 3 };
const tweetOf = (tweet: TweetInput) => buildWallView(site, [tweet]).tweets[0]!;

describe("the link to a photo the wall shows", () => {
  test("leaves the text and its html, as on X, when the tweet has media", () => {
    const tweet = tweetOf({
      text: "Look at this pic.twitter.com/AbC123",
      date: "2024-01-01",
      media: [photo],
    });
    expect(tweet.text).toBe("Look at this");
    expect(tweet.html).toBe("Look at this");
  });

  test("stays, as a photo chip, when the wall has no media for it", () => {
    const tweet = tweetOf({ text: "Look at this pic.twitter.com/AbC123", date: "2024-01-01" });
    expect(tweet.text).toBe("Look at this pic.twitter.com/AbC123");
    expect(tweet.html).toContain('class="photo-chip"');
  });

  test("keeps the anchor the words as written gave, and a text that was only the link for titles", () => {
    const tweet = tweetOf({ text: "pic.twitter.com/AbC123", date: "2024-01-01", media: [photo] });
    expect(tweet.html).toBe("");
    expect(tweet.text).toBe("pic.twitter.com/AbC123");
    expect(tweet.anchor).toBe("tweet-2024-01-01");
  });

  test("goes wherever it stands, and an address merely holding the words stays", () => {
    const media = { hasMedia: true, cardUrl: undefined };
    expect(withoutAttachmentLinks("one pic.twitter.com/a two https://pic.twitter.com/b", media)).toBe(
      "one two",
    );
    expect(withoutAttachmentLinks("new style pic.x.com/Ab1", media)).toBe("new style");
    expect(withoutAttachmentLinks("see https://example.org/pic.twitter.com/x", media)).toBe(
      "see https://example.org/pic.twitter.com/x",
    );
  });
});

describe("the link a link card previews", () => {
  const card = { url: "https://lwn.net/Articles/940000/", title: "The EEVDF CPU scheduler" };

  test("leaves the text when it ends it, as on X, with or without its trailing slash", () => {
    for (const text of [
      "Worth reading: https://lwn.net/Articles/940000/",
      "Worth reading: https://lwn.net/Articles/940000",
    ]) {
      const tweet = tweetOf({ text, date: "2024-01-01", card });
      expect(tweet.text).toBe("Worth reading:");
      expect(tweet.html).toBe("Worth reading:");
    }
  });

  test("stays where words follow it, and when it is another address", () => {
    const mid = tweetOf({ text: "See https://lwn.net/Articles/940000/ for more", date: "2024-01-01", card });
    expect(mid.text).toBe("See https://lwn.net/Articles/940000/ for more");
    const other = tweetOf({ text: "See https://example.org/", date: "2024-01-01", card });
    expect(other.html).toBe('See <a href="https://example.org/" rel="nofollow">https://example.org/</a>');
  });
});

describe("authors", () => {
  test("an unknown author is one shared view with a name and no handle, profile or picture", () => {
    const [linked, bare] = buildWallView(site, [
      { text: "liked", date: "2024-01-01", url: "https://twitter.com/i/status/123", author: null },
      { text: "no address", date: "2024-01-02", author: null },
    ]).tweets;
    expect(linked!.author).toBe(UNKNOWN_AUTHOR);
    expect(linked!.author).toEqual({
      name: "Unknown author",
      handle: undefined,
      profileUrl: undefined,
      byline: "Unknown author",
      avatar: undefined,
    });
    expect(linked!.source).toEqual({ url: "https://x.com/i/status/123", label: "the original on X" });
    expect(linked!.meta!.title).toBe("“liked” (unknown author)");
    expect(bare!.source).toBeUndefined();
  });

  test("the site's author, with its picture, writes the tweets that name no author", () => {
    expect(tweetOf({ text: "mine", date: "2024-01-01" }).author).toMatchObject({
      handle: "site",
      byline: "Site Author (@site)",
      avatar: "media/me.jpg",
    });
  });
});

describe("media, quotes, replies and cards", () => {
  test("photos and videos keep their kind, paths, size and trimmed alt text", () => {
    const tweet = tweetOf({
      text: "t",
      date: "2024-01-01",
      media: [
        { ...photo, alt: "  spaced  " },
        { type: "gif", src: "media/g.mp4", poster: "media/g.jpg", width: 2, height: 2 },
      ],
    });
    expect(tweet.media).toEqual([
      { type: "photo", src: "media/a.jpg", alt: "spaced", width: 4, height: 3 },
      { type: "gif", src: "media/g.mp4", poster: "media/g.jpg", alt: undefined, width: 2, height: 2 },
    ]);
  });

  test("a quoted tweet has its own author, source, words, media and card", () => {
    const { quote } = tweetOf({
      text: "t",
      date: "2024-01-01",
      quote: {
        text: "quoted pic.twitter.com/x",
        date: "2023-12-31",
        url: "https://twitter.com/ada/status/9?s=20",
        author: { name: "Ada", handle: "@ada", avatar: "media/ada.jpg" },
        media: [photo],
        card: { url: "https://www.example.com/a", title: " Title " },
      },
    });
    expect(quote).toMatchObject({
      text: "quoted",
      html: "quoted",
      author: { name: "Ada", handle: "ada", avatar: "media/ada.jpg" },
      source: { url: "https://x.com/ada/status/9", label: "the original on X" },
      date: { iso: "2023-12-31" },
      card: { url: "https://www.example.com/a", title: "Title", domain: "example.com", image: undefined },
    });
  });

  test("a reply links the tweet replied to when known, and its words are escaped once", () => {
    const { replyTo } = tweetOf({
      text: "t",
      date: "2024-01-01",
      replyTo: { handle: "@ada", url: "https://twitter.com/ada/status/7", text: "<b>hi</b> @bob" },
    });
    expect(replyTo).toEqual({
      handle: "ada",
      profileUrl: "https://x.com/ada",
      tweetUrl: "https://x.com/ada/status/7",
      html: '&lt;b&gt;hi&lt;/b&gt; <a href="https://x.com/bob" rel="nofollow">@bob</a>',
    });
  });
});
