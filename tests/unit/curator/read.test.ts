import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parseWallText } from "../../../src/import/wall-text.ts";
import { visit } from "jsonc-parser";
import { duplicateKeys, parseSiteJson, parseTweetsJson, readTweetsFile } from "../../../src/curator/read.ts";
import { formatProblem, type Problem } from "../../../src/curator/problems.ts";
import type { TweetInput } from "../../../src/curator/schema.ts";
import { REPO_ROOT } from "../../support/cli.ts";
import { hasSeed, seedText } from "../../support/seed.ts";

function problemsOf(json: string): string[] {
  const result = parseTweetsJson(json, "tweets.json");
  if (result.ok) throw new Error("expected problems, got a valid file");
  return result.problems.map(formatProblem);
}

describe("the committed data", () => {
  test.skipIf(!hasSeed)(
    "data/tweets.json is exactly what the importer makes of the seed wall, in the seed's order",
    async () => {
      const seed = parseWallText(seedText, "seed");
      const committed = await readTweetsFile(`${REPO_ROOT}data/tweets.json`);
      if (!committed.ok) throw new Error(committed.problems.map(formatProblem).join("\n"));
      expect(committed.value.tweets).toHaveLength(70);
      expect(committed.value.tweets).toEqual(seed.tweets);
    },
  );

  test("data/site.json holds the seed's title, intro and author", async () => {
    const site = parseSiteJson(await readFile(`${REPO_ROOT}data/site.json`, "utf8"), "data/site.json");
    if (!site.ok) throw new Error(site.problems.map(formatProblem).join("\n"));
    expect(site.value.title).toBe("fave tweets wall");
    expect(site.value.intro).toMatch(/^Sometimes tweets get lost .* is here\.$/);
    expect(site.value.author).toEqual({ name: "Andrej Karpathy", handle: "karpathy" });
    expect(site.value.links).toEqual([
      { text: "The full collection of my tweets, of course, is here", url: "https://twitter.com/karpathy" },
    ]);
  });
});

describe("parseTweetsJson", () => {
  test("accepts a bare array and an object with $schema and tweets", () => {
    const tweet = { text: "hi", date: "2022-12-03" };
    expect(parseTweetsJson(JSON.stringify([tweet]), "f")).toEqual({ ok: true, value: [tweet] });
    const document = { $schema: "../tweets.schema.json", tweets: [tweet] };
    expect(parseTweetsJson(JSON.stringify(document), "f")).toEqual({ ok: true, value: [tweet] });
  });

  test("lists every problem at once, in file order, with line:column, tweet number and field", () => {
    const json = [
      "[",
      '  { "text": "fine", "date": "2022-12-03" },',
      '  { "txet": "typo", "date": "February 30, 2022", "url": "javascript:alert(1)" },',
      '  { "text": "   ", "date": 20221203, "author": { "name": "A", "handel": "x" } }',
      "]",
    ].join("\n");
    expect(problemsOf(json)).toEqual([
      'tweets.json:3:3: tweet 2, field "text": missing: expected the tweet\'s text as a string',
      'tweets.json:3:5: tweet 2, field "txet": unknown field: did you mean "text"? known fields are "text", "date", "url", "author", "lang", "added", "media", "quote", "replyTo", "card", "likes", "fetched", "pinned", "hidden", "tags"',
      'tweets.json:3:29: tweet 2, field "date": expected a real calendar date ("February 30, 2022" does not exist)',
      'tweets.json:3:57: tweet 2, field "url": expected a link to the original tweet: an absolute http:// or https:// URL',
      'tweets.json:4:13: tweet 3, field "text": expected the tweet\'s text, not blank',
      'tweets.json:4:28: tweet 3, field "date": expected a date as a string: "2022-12-03", an ISO date-time like "2022-12-03T17:44:09Z", or "December 3, 2022"',
      'tweets.json:4:48: tweet 3, field "author.handle": missing: expected the author\'s handle as a string',
      'tweets.json:4:63: tweet 3, field "author.handel": unknown field: did you mean "handle"? known fields are "name", "handle", "avatar"',
    ]);
  });

  test.each([
    ["data:text/html,<script>alert(1)</script>"],
    ["ftp://example.com/tweet"],
    ["//x.com/karpathy/status/1"],
    ["x.com/karpathy/status/1"],
  ])("refuses the non-http(s) url %j", (url) => {
    const [problem] = problemsOf(JSON.stringify([{ text: "t", date: "2022-12-03", url }]));
    expect(problem).toContain(
      'field "url": expected a link to the original tweet: an absolute http:// or https:// URL',
    );
  });

  test.each([
    ["", "tweets.json:1:1: the file is empty: expected JSON"],
    [
      '[\n  { "text": "a", "date": "2022-12-03" },\n]',
      "tweets.json:3:1: invalid JSON: expected a value (a trailing comma before ] or } is not allowed)",
    ],
    [
      '[{"text": "one\ntwo", "date": "2022-12-03"}]',
      "tweets.json:1:11: invalid JSON: a string is not closed on its line (write a line break inside a string as \\n)",
    ],
    [
      '[{"text": "a", "date": "2022-12-03"} {"text": "b"}]',
      'tweets.json:1:38: invalid JSON: expected "," between items',
    ],
    ["// my tweets\n[]", "tweets.json:1:1: invalid JSON: comments are not allowed in JSON"],
    [
      '[{"text": "a", "text": "b", "date": "2022-12-03"}]',
      'tweets.json:1:16: duplicate key "text": JSON keeps only the last one, so remove or rename one',
    ],
    ['"just a string"', 'tweets.json:1:1: expected an array of tweets, or an object with a "tweets" array'],
    ['{ "tweet": [] }', 'tweets.json:1:1: field "tweets": missing: expected an array of tweets'],
    ["[42]", 'tweets.json:1:2: tweet 1: expected a tweet as an object with "text" and "date"'],
  ])("explains the broken file %j", (json, first) => {
    expect(problemsOf(json)[0]).toBe(first);
  });

  test("suggests the closest field for a typo in the document's own keys", () => {
    expect(problemsOf('{ "tweet": [] }')).toContain(
      'tweets.json:1:3: field "tweet": unknown field: did you mean "tweets"? known fields are "$schema", "tweets"',
    );
  });

  test("accepts hostile but valid text untouched: markup, template syntax, RTL, emoji, 25,000 characters", () => {
    const texts = [
      '<script>alert("x")</script><img src=x onerror=alert(1)>',
      "javascript:alert(document.cookie)",
      "{{ 7 * 7 }} {% include 'secrets' %} ${process.env.HOME}",
      "مرحبا بالعالم #مرحبا",
      "👩‍👩‍👧‍👦 🏳️‍🌈 \u200f",
      "a".repeat(25_000),
    ];
    const result = parseTweetsJson(JSON.stringify(texts.map((text) => ({ text, date: "2022-12-03" }))), "f");
    expect(result.ok && result.value.map((tweet) => tweet.text)).toEqual(texts);
  });

  test("places a problem in every tweet of the seed wall, each at its own line", async () => {
    const seed = JSON.parse(await readFile(`${REPO_ROOT}data/tweets.json`, "utf8")) as {
      tweets: { text: string; date: string }[];
    };
    // Day first, as a European might write it.
    const tweets = seed.tweets.map(({ text, date }) => ({ text, date: date.split("-").reverse().join("/") }));
    const json = JSON.stringify({ tweets }, null, 2);
    const dateLines = json
      .split("\n")
      .flatMap((line, index) => (line.includes('"date": ') ? [index + 1] : []));
    expect(problemsOf(json)).toEqual(
      dateLines.map(
        (line, index) =>
          `tweets.json:${line}:15: tweet ${index + 1}, field "date": expected a date written as "2022-12-03", an ISO date-time like "2022-12-03T17:44:09Z", or "December 3, 2022"`,
      ),
    );
  });

  test("counts lines correctly after a byte-order mark and CRLF line endings", () => {
    const json = '\ufeff[\r\n  { "text": "a", "date": "2022-02-30" }\r\n]';
    expect(problemsOf(json)).toEqual([
      'tweets.json:2:26: tweet 1, field "date": expected a real calendar date ("2022-02-30" does not exist)',
    ]);
  });
});

describe("control characters, which the feeds cannot carry", () => {
  test.each([
    ['[{ "text": "a bell \\u0007 rings", "date": "2022-12-03" }]', 20, "U+0007", "the tweet's text"],
    ['[{ "text": "🤔 \\n\\t \\u0001", "date": "2022-12-03" }]', 20, "U+0001", "emoji and escapes before it"],
    [
      '[{ "text": "a raw C1 \u0085 control", "date": "2022-12-03" }]',
      22,
      "U+0085",
      "a character written as it is",
    ],
    ['[{ "text": "carriage\\r\\nreturn", "date": "2022-12-03" }]', 21, "U+000D", "a Windows line break"],
  ])("%j: points at the character itself (column %i), naming %s", (json, column, name) => {
    expect(problemsOf(json)).toEqual([
      `tweets.json:1:${column}: tweet 1, field "text": expected no control characters other than line breaks and tabs, but there is ${name} here: remove it (the feeds cannot carry it)`,
    ]);
  });

  test("allows no line break or tab in any other field, and reports every field at once", () => {
    const json = [
      "[",
      '  { "text": "Plan is to throw a party", "date": "2022-12-03",',
      '    "author": { "name": "Andrej\\tKarpathy", "handle": "karpathy" },',
      '    "media": [{ "src": "media/a.jpg", "alt": "a slide\\n", "width": 1, "height": 1 }] }',
      "]",
    ].join("\n");
    expect(problemsOf(json)).toEqual([
      'tweets.json:3:32: tweet 1, field "author.name": expected no control characters, but there is U+0009 here: remove it (the feeds cannot carry it)',
      'tweets.json:4:54: tweet 1, field "media.0.alt": expected no control characters, but there is U+000A here: remove it (the feeds cannot carry it)',
    ]);
  });

  test("names half an emoji, as a cut at a UTF-16 index leaves it", () => {
    const cut = "🤔 vision may be a high-enough throughput".slice(0, 1);
    expect(problemsOf(JSON.stringify([{ text: cut, date: "2022-08-30" }]))).toEqual([
      'tweets.json:1:11: tweet 1, field "text": expected whole characters, but U+D83E here is half of one (an emoji cut in two?): remove it',
    ]);
  });

  test("checks the site file's strings too", () => {
    const result = parseSiteJson(
      '{ "title": "fave tweets wall\\u001b[0m", "author": { "name": "Andrej Karpathy", "handle": "karpathy" } }',
      "site.json",
    );
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'site.json:1:29: field "title": expected no control characters, but there is U+001B here: remove it (the feeds cannot carry it)',
    ]);
  });
});

describe("spaces around a value", () => {
  test("are refused in links and dates, with the value to write instead", () => {
    const json = [
      "[",
      '  { "text": "Plan is to throw a party", "date": "2022-12-03 ",',
      '    "url": " https://x.com/karpathy/status/1599152286672248832", "added": "2024-05-01\\n" }',
      "]",
    ].join("\n");
    expect(problemsOf(json)).toEqual([
      'tweets.json:2:49: tweet 1, field "date": expected no space before or after it: write "2022-12-03"',
      'tweets.json:3:12: tweet 1, field "url": expected no space before or after it: write "https://x.com/karpathy/status/1599152286672248832"',
      'tweets.json:3:86: tweet 1, field "added": expected no control characters, but there is U+000A here: remove it (the feeds cannot carry it)',
    ]);
  });
});

describe("tweets written twice", () => {
  const seed = JSON.parse(readFileSync(`${REPO_ROOT}data/tweets.json`, "utf8")) as {
    $schema: string;
    tweets: TweetInput[];
  };
  const withTweets = (tweets: TweetInput[]) => JSON.stringify({ ...seed, tweets }, null, 2);
  /** The 1-based line of the nth line holding `text`, found without the code under test. */
  const lineOf = (json: string, text: string, nth = 1) =>
    json.split("\n").flatMap((line, index) => (line.includes(text) ? [index + 1] : []))[nth - 1];

  test("the seed's second tweet again at the end: one problem, at the copy, naming the first", () => {
    const json = withTweets([...seed.tweets, seed.tweets[1]!]);
    const text = JSON.stringify(seed.tweets[1]!.text);
    expect(lineOf(json, text)).toBe(9);
    expect(problemsOf(json)).toEqual([
      `tweets.json:${lineOf(json, text, 2)}:15: tweet 71, field "text": the same tweet as tweet 2 (line 9), the same text on the same day: remove one`,
    ]);
  });

  test("the seed wall pasted in twice: a problem at each copy, each naming its first", () => {
    const json = withTweets([...seed.tweets, ...seed.tweets]);
    expect(problemsOf(json)).toEqual(
      seed.tweets.map(({ text }, index) => {
        const written = JSON.stringify(text);
        return `tweets.json:${lineOf(json, written, 2)}:15: tweet ${index + 71}, field "text": the same tweet as tweet ${index + 1} (line ${lineOf(json, written)}), the same text on the same day: remove one`;
      }),
    );
  });

  test("the same status id, however the link is written, even with the text edited since", () => {
    const json = withTweets([
      { ...seed.tweets[0]!, url: "https://twitter.com/karpathy/status/1599152286672248832?s=20" },
      ...seed.tweets.slice(1, 3),
      {
        ...seed.tweets[0]!,
        text: "Plan is to throw a party",
        url: "https://x.com/karpathy/status/1599152286672248832",
      },
    ]);
    expect(problemsOf(json)).toEqual([
      `tweets.json:${lineOf(json, "x.com/karpathy/status/1599152286672248832")}:14: tweet 4, field "url": the same tweet as tweet 1 (line 7), by its status id: remove one`,
    ]);
  });

  test("the same text on the same day in any date form, and every copy after the first", () => {
    const text = "AGI is a feeling. Like love. Stop trying to define it.";
    const json = withTweets([
      { text, date: "2022-06-04" },
      { text, date: "June 4, 2022" },
      { text: `  ${text}\n`, date: "2022-06-04T18:02:11Z" },
      { text, date: "2022-06-05" },
    ]);
    const lines = [1, 2, 3].map((nth) => lineOf(json, "AGI is a feeling", nth));
    expect(problemsOf(json)).toEqual([
      `tweets.json:${lines[1]}:15: tweet 2, field "text": the same tweet as tweet 1 (line ${lines[0]}), the same text on the same day: remove one`,
      `tweets.json:${lines[2]}:15: tweet 3, field "text": the same tweet as tweet 1 (line ${lines[0]}), the same text on the same day: remove one`,
    ]);
  });

  test("are reported with the schema's problems, all at once and in file order", () => {
    const json = [
      "[",
      '  { "text": "gm", "date": "2022-12-03" },',
      '  { "text": "gm", "date": "2022-12-03", "lang": "EN" },',
      '  { "text": "gn", "date": "2022-12-03" }',
      "]",
    ].join("\n");
    expect(problemsOf(json)).toEqual([
      'tweets.json:3:13: tweet 2, field "text": the same tweet as tweet 1 (line 2), the same text on the same day: remove one',
      'tweets.json:3:49: tweet 2, field "lang": expected the tweet\'s language: a language tag such as en, ja or pt-BR',
    ]);
  });
});

describe("duplicateKeys", () => {
  /** The oracle: jsonc-parser's own tokenizer, keeping each open object's keys. */
  function duplicatesByJsonc(json: string) {
    const found: { key: string; offset: number }[] = [];
    const open: Set<string>[] = [];
    visit(json, {
      onObjectBegin: () => void open.push(new Set()),
      onObjectEnd: () => void open.pop(),
      onObjectProperty: (key, offset) => {
        if (open.at(-1)!.has(key)) found.push({ key, offset });
        open.at(-1)!.add(key);
      },
    });
    return found;
  }

  test.each([
    ['{"a": 1, "a": 2}'],
    ['{"a": {"a": 1}, "b": [{"a": 1, "a": 2}], "a": [] }'],
    ['{"t": "{\\"a\\": 1, \\"a\\": 2}", "u": "}}}{", "v": "\\\\", "a": 1, "a\\"": 2, "a\\"" : 3}'],
    ['{"\\u0061": 1, "a": 2, "\\n": 3, "\\u000a": 4}'],
    ['{"a"\n  :\t1, "a"\r\n: 2, "": 0, "": 1}'],
    ['["a", ":", {"b": ":", "b": "a"}, "{", "}"]'],
    ["{}"],
  ])("finds what jsonc-parser finds in %j", (json) => {
    expect(JSON.parse(json)).toBeDefined();
    expect(duplicateKeys(json)).toEqual(duplicatesByJsonc(json));
  });

  test("finds what jsonc-parser finds in the seed's tweets and in 300 generated documents", async () => {
    const seed = await readFile(`${REPO_ROOT}data/tweets.json`, "utf8");
    expect(duplicateKeys(seed)).toEqual([]);
    let state = 11;
    const random = (below: number) => (state = (state * 48271) % 2147483647) % below;
    // Keys from a small set, so that objects often repeat one; strings hold quotes, backslashes,
    // braces and colons.
    const strings = ['"a"', '"b"', '"\\u0061"', '"a\\\\"', '"{\\"a\\":"', '":"', '"}"', '""'];
    const value = (depth: number): string => {
      const kind = depth > 3 ? random(2) : random(4);
      if (kind === 0) return strings[random(strings.length)]!;
      if (kind === 1) return String(random(100));
      if (kind === 2) return `[${Array.from({ length: random(4) }, () => value(depth + 1)).join(", ")}]`;
      const members = Array.from(
        { length: random(5) },
        () => `${strings[random(strings.length)]} : ${value(depth + 1)}`,
      );
      return `{${members.join(",\n")}}`;
    };
    for (let document = 0; document < 300; document++) {
      const json = value(0);
      expect(() => JSON.parse(json)).not.toThrow();
      expect(duplicateKeys(json), json).toEqual(duplicatesByJsonc(json));
    }
  });
});

describe("parseSiteJson", () => {
  test("fills defaults and rejects a missing author with a hint for the typo", () => {
    const result = parseSiteJson('{ "title": "My wall", "autor": {} }', "site.json");
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((problem: Problem) => formatProblem(problem));
    expect(problems).toEqual([
      'site.json:1:1: field "author": missing: expected the author as an object with "name" and "handle"',
      'site.json:1:23: field "autor": unknown field: did you mean "author"? known fields are "$schema", "title", "intro", "author", "links", "language", "url", "pageSize", "tweetPages", "order", "tags", "timeZone", "accent", "layout"',
    ]);
  });

  test("every field says what it expected, $schema included", () => {
    const result = parseSiteJson(
      '{ "title": "T", "author": { "name": "N", "handle": "n" }, "language": 5, "$schema": 2 }',
      "site.json",
    );
    const problems = result.ok ? [] : result.problems.map((problem: Problem) => formatProblem(problem));
    expect(problems).toEqual([
      'site.json:1:71: field "language": expected the wall\'s language as a string',
      'site.json:1:85: field "$schema": expected the path to the JSON Schema as a string',
    ]);
  });

  test("defaults intro, links, language, page size and tweet pages", () => {
    const result = parseSiteJson('{ "title": "T", "author": { "name": "N", "handle": "@n" } }', "site.json");
    expect(result).toEqual({
      ok: true,
      value: {
        title: "T",
        intro: "",
        author: { name: "N", handle: "@n" },
        links: [],
        language: "en",
        pageSize: 100,
        tweetPages: "auto",
        order: "file",
        tags: [],
        timeZone: "UTC",
        layout: "grid",
      },
    });
  });

  test("checks the wall's order, tags, time zone, accent and layout", () => {
    const site = (extra: object) =>
      JSON.stringify({ title: "T", author: { name: "N", handle: "n" }, ...extra }, null, 2);
    const problems = (extra: object) => {
      const result = parseSiteJson(site(extra), "site.json");
      return result.ok ? [] : result.problems.map(formatProblem);
    };
    expect(
      problems({
        order: "newest",
        tags: [{ tag: "ai", title: "AI" }],
        timeZone: "Europe/Paris",
        accent: "#1d9bf0",
        layout: "list",
      }),
    ).toEqual([]);
    expect(problems({ order: "random" })).toEqual([
      'site.json:7:12: field "order": expected "file", "newest" or "added": the order of the wall (pinned tweets always come first)',
    ]);
    expect(problems({ timeZone: "Mars/Olympus" })).toEqual([
      'site.json:7:15: field "timeZone": expected an IANA time zone, like Europe/Paris or UTC',
    ]);
    expect(problems({ accent: "blue" })).toEqual([
      'site.json:7:13: field "accent": expected a colour written #rrggbb, like #1d9bf0',
    ]);
    expect(problems({ tags: [{ tag: "Machine Learning" }] })).toEqual([
      'site.json:9:14: field "tags.0.tag": expected a tag of lowercase letters, digits and hyphens, like machine-learning',
    ]);
  });
});
