import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TweetInput } from "../../src/curator/schema.ts";
import { REPO_ROOT, runCli } from "../support/cli.ts";

const seedSite = JSON.parse(await readFile(`${REPO_ROOT}data/site.json`, "utf8"));
const seedTweets: TweetInput[] = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")).tweets;

const ATOM = "http://www.w3.org/2005/Atom";
const SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

interface XmlElement {
  uri: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities resolved once. */
  text: string;
}

/**
 * The document read by saxes, which holds to XML 1.0 and its namespaces: any error (a character
 * XML forbids, an undefined entity, a bare `&`, a tag left open) throws.
 */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      uri: tag.uri,
      name: tag.local,
      attributes: Object.fromEntries(Object.values(tag.attributes).map(({ local, value }) => [local, value])),
      children: [],
      text: "",
    };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on("text", (text) => {
    if (open.length > 0) open.at(-1)!.text += text;
  });
  parser.on("closetag", () => open.pop());
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => child.name === name);

function childNamed(element: XmlElement, name: string): XmlElement {
  const [child, ...more] = childrenNamed(element, name);
  if (!child || more.length > 0) throw new Error(`expected one <${name}> in <${element.name}>`);
  return child;
}

/** What an HTML fragment reads as: the text a feed reader shows. */
const htmlText = (html: string) => cheerio.load(html)("body").text();

async function buildWall(dir: string, site: object, tweets?: TweetInput[]) {
  const siteFile = path.join(dir, "site.json");
  await writeFile(siteFile, JSON.stringify(site));
  const env: Record<string, string> = { SITE_FILE: siteFile };
  if (tweets) {
    env.TWEETS_FILE = path.join(dir, "tweets.json");
    await writeFile(env.TWEETS_FILE, JSON.stringify(tweets));
  }
  const output = path.join(dir, "site");
  const run = await runCli(["build", "--output", output], env);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return (file: string) => readFile(path.join(output, file), "utf8");
}

describe("the seed wall's feeds and sitemap, deployed at https://example.org/tweets/ in pages of 10", () => {
  let dir: string;
  let read: (file: string) => Promise<string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tweetwall-feeds-"));
    read = await buildWall(dir, { ...seedSite, url: "https://example.org/tweets/", pageSize: 10 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("the Atom feed holds the 50 newest tweets, newest first, and is as new as the first", async () => {
    const feed = parseXml(await read("feed.xml"));
    expect([feed.uri, feed.name]).toEqual([ATOM, "feed"]);
    const entries = childrenNamed(feed, "entry");
    expect(entries).toHaveLength(50);
    const published = entries.map((entry) => childNamed(entry, "published").text);
    expect(published).toEqual([...published].sort().reverse());
    expect(published.filter((date) => date.startsWith("2022"))).toHaveLength(
      seedTweets.filter((tweet) => tweet.date.startsWith("2022")).length,
    );
    const updated = childNamed(feed, "updated").text;
    expect(updated).toBe("2022-12-06T00:00:00Z");
    expect(childNamed(entries[0]!, "updated").text).toBe(updated);
    for (const entry of entries) expect(childNamed(entry, "updated").text <= updated).toBe(true);
    expect(childNamed(entries[0]!, "title").text).toBe(
      "Andrej Karpathy: How long until we measure wealth inequality in FLOPS",
    );
    expect(htmlText(childNamed(entries[0]!, "content").text)).toBe(
      "How long until we measure wealth inequality in FLOPS",
    );
  });

  test("every address in the Atom feed is absolute, and every entry has its own id", async () => {
    const feed = parseXml(await read("feed.xml"));
    expect(childNamed(feed, "id").text).toBe("https://example.org/tweets/");
    const self = childrenNamed(feed, "link").find((link) => link.attributes.rel === "self");
    expect(self?.attributes.href).toBe("https://example.org/tweets/feed.xml");
    const addresses: string[] = [];
    const collect = (element: XmlElement) => {
      if (element.name === "link") addresses.push(element.attributes.href!);
      if (element.name === "id" || element.name === "uri") addresses.push(element.text);
      element.children.forEach(collect);
    };
    collect(feed);
    expect(addresses.length).toBeGreaterThan(150);
    for (const address of addresses) expect(address).toMatch(/^https:\/\/(example\.org\/tweets\/|x\.com\/)/);
    const ids = childrenNamed(feed, "entry").map((entry) => childNamed(entry, "id").text);
    expect(new Set(ids).size).toBe(50);
    expect(ids[0]).toBe("https://example.org/tweets/t/2022-12-06-how-long-until/");
  });

  test("the JSON Feed has the same entries, with JSON Feed 1.1's required fields", async () => {
    const atom = parseXml(await read("feed.xml"));
    const feed = JSON.parse(await read("feed.json"));
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "fave tweets wall",
      home_page_url: "https://example.org/tweets/",
      feed_url: "https://example.org/tweets/feed.json",
    });
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(
      childrenNamed(atom, "entry").map((entry) => childNamed(entry, "id").text),
    );
    const seedTexts = new Set(seedTweets.map((tweet) => tweet.text.trim()));
    for (const item of feed.items) {
      expect(seedTexts).toContain(item.content_text);
      expect(item.content_html).toMatch(/^<p>[^]*<\/p>$/);
      expect(item.url).toMatch(/^https:\/\/example\.org\/tweets\/t\//);
    }
    expect(feed.items[0]).toMatchObject({
      content_text: "How long until we measure wealth inequality in FLOPS",
      date_published: "2022-12-06T00:00:00Z",
    });
  });

  test("sitemap.xml lists every page at its absolute address, and robots.txt points at it", async () => {
    const urlset = parseXml(await read("sitemap.xml"));
    expect([urlset.uri, urlset.name]).toEqual([SITEMAP, "urlset"]);
    const locs = childrenNamed(urlset, "url").map((url) => childNamed(url, "loc").text);
    // Seven wall pages, the stats page (the seed wall has no tags), and 70 tweet pages.
    expect(locs).toHaveLength(7 + 1 + 70);
    expect(locs[0]).toBe("https://example.org/tweets/");
    expect(locs[1]).toBe("https://example.org/tweets/page/2/");
    expect(locs[7]).toBe("https://example.org/tweets/stats/");
    expect(locs).toContain("https://example.org/tweets/t/2022-12-06-how-long-until/");
    for (const loc of locs) expect(loc).toMatch(/^https:\/\/example\.org\/tweets\//);
    expect(await read("robots.txt")).toBe(
      "User-agent: *\nAllow: /\nSitemap: https://example.org/tweets/sitemap.xml\n",
    );
  });

  test("the pages link both feeds, in the head and the footer", async () => {
    const $ = cheerio.load(await read("page/2/index.html"));
    expect(
      $('link[rel="alternate"]')
        .toArray()
        .map((link) => [$(link).attr("type"), $(link).attr("href")]),
    ).toEqual([
      ["application/atom+xml", "/tweets/feed.xml"],
      ["application/feed+json", "/tweets/feed.json"],
    ]);
    expect(
      $("footer.site-footer a")
        .toArray()
        .map((link) => $(link).attr("href")),
    ).toEqual(["/tweets/stats/", "/tweets/feed.xml", "/tweets/feed.json"]);
  });
});

// A control character never gets this far: the curator's files are refused with it (check.test.ts),
// and the feeds' own guard against one is tested in tests/unit/site/feeds.test.ts.
describe("feeds of a wall whose texts hold quotes, ampersands and angle brackets", () => {
  const title = `Ben & Jerry's "best" <tweets>`;
  const intro = "Saved by hand & <kept>";
  const tweets: TweetInput[] = [
    { text: `It's "fine" & <ok>`, date: "2022-12-03" },
    { text: "AT&amp;T wrote &lt;b&gt; as </p> and ]]> in <![CDATA[x]]>", date: "2022-12-02" },
  ];
  let dir: string;
  let read: (file: string) => Promise<string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tweetwall-feeds-"));
    read = await buildWall(dir, { ...seedSite, title, intro, url: "https://example.org/" }, tweets);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("the Atom feed is well-formed XML, its subtitle the intro as written", async () => {
    const feed = parseXml(await read("feed.xml"));
    expect(childNamed(feed, "subtitle").text).toBe(intro);
  });

  test("the Atom feed's titles and contents read as the text, escaped once", async () => {
    const feed = parseXml(await read("feed.xml"));
    expect(childNamed(feed, "title").text).toBe(title);
    const entries = childrenNamed(feed, "entry");
    expect(entries.map((entry) => childNamed(entry, "title").text)).toEqual(
      tweets.map((tweet) => `Andrej Karpathy: ${tweet.text}`),
    );
    expect(entries.map((entry) => htmlText(childNamed(entry, "content").text))).toEqual(
      tweets.map((tweet) => tweet.text),
    );
  });

  test("the JSON Feed's title and contents read as the text", async () => {
    const feed = JSON.parse(await read("feed.json"));
    expect(feed.title).toBe(title);
    expect(feed.description).toBe(intro);
    expect(feed.items.map((item: { content_text: string }) => item.content_text)).toEqual(
      tweets.map((tweet) => tweet.text),
    );
    expect(feed.items.map((item: { content_html: string }) => htmlText(item.content_html))).toEqual(
      tweets.map((tweet) => tweet.text),
    );
  });
});
