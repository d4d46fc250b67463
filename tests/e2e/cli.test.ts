import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.ts";

async function tweetsFileWith(content: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-cli-"));
  const file = path.join(dir, "tweets.json");
  if (content !== undefined) await writeFile(file, content);
  return file;
}

describe("tweetwall --help", () => {
  test.each(["build", "serve", "check", "import", "add", "schema"])(
    "%s --help explains the command",
    async (name) => {
      const run = await runCli([name, "--help"]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`tweetwall ${name}`);
      expect(run.stdout).toContain("TWEETS_FILE");
    },
  );

  test("an unknown option is refused with the command's usage", async () => {
    const run = await runCli(["import", "x.txt", "--min-like", "3"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--min-like'");
    expect(run.stderr).toContain("tweetwall import FILE");
  });
});

describe("tweetwall add", () => {
  test("appends a checked tweet and writes the file in its stable, schema-linked form", async () => {
    const file = await tweetsFileWith('[{ "text": "first", "date": "2022-12-03" }]');
    const run = await runCli(["add", "--text", "second <b>one</b>", "--date", "December 4, 2022"], {
      TWEETS_FILE: file,
    });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe(`added "second <b>one</b>" (December 4, 2022) as tweet 2 of ${file}\n`);
    const written = await readFile(file, "utf8");
    expect(JSON.parse(written)).toEqual({
      $schema: path.relative(path.dirname(file), path.resolve("tweets.schema.json")),
      tweets: [
        { text: "first", date: "2022-12-03" },
        { text: "second <b>one</b>", date: "December 4, 2022" },
      ],
    });
    expect(written).toBe(`${JSON.stringify(JSON.parse(written), null, 2)}\n`);
  });

  test("reads the date from a status URL's id when none is given, and canonical keys come in order", async () => {
    const file = await tweetsFileWith(undefined);
    const run = await runCli(
      [
        "add",
        "https://twitter.com/karpathy/status/1599152286672248832",
        "--text",
        "Plan is to throw a party",
      ],
      { TWEETS_FILE: file },
    );
    expect(run.status).toBe(0);
    const [tweet] = JSON.parse(await readFile(file, "utf8")).tweets;
    expect(Object.keys(tweet)).toEqual(["text", "date", "url"]);
    expect(tweet.date).toBe("2022-12-03T21:23:10Z");
  });

  test("refuses a bad tweet with a clear line per field and leaves the file untouched", async () => {
    const before = '[{ "text": "first", "date": "2022-12-03" }]';
    const file = await tweetsFileWith(before);
    const run = await runCli(
      ["add", "--text", "  ", "--date", "February 30, 2022", "--url", "javascript:alert(1)"],
      {
        TWEETS_FILE: file,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "3 problems:",
      "  add: --text: expected the tweet's text, not blank",
      '  add: --date: expected a real calendar date ("February 30, 2022" does not exist)',
      "  add: --url: expected a link to the original tweet: an absolute http:// or https:// URL",
    ]);
    expect(await readFile(file, "utf8")).toBe(before);
  });

  test("says so, and adds nothing, when the tweet is already there", async () => {
    const before = '[{ "text": "first", "date": "2022-12-03" }]';
    const file = await tweetsFileWith(before);
    const run = await runCli(["add", "--text", "first", "--date", "December 3, 2022"], { TWEETS_FILE: file });
    expect(run).toMatchObject({
      status: 0,
      stdout: 'nothing added: "first" is already in the file as tweet 1\n',
    });
    expect(await readFile(file, "utf8")).toBe(before);
  });

  test("needs a date or a status URL to read it from", async () => {
    const file = await tweetsFileWith(undefined);
    const run = await runCli(["add", "--text", "undated"], { TWEETS_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("add: --date: expected a date as a string");
    expect(run.stderr).toContain("(or a status URL to read it from)");
  });
});

describe("tweetwall schema", () => {
  test("--check passes on the committed schema", async () => {
    const run = await runCli(["schema", "--check"]);
    expect(run).toMatchObject({ status: 0, stdout: "tweets.schema.json is current.\n" });
  });
});
