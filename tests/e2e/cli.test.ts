import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../support/cli.ts";

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tweetsFileWith(content: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tweetwall-cli-"));
  made.push(dir);
  const file = path.join(dir, "tweets.json");
  if (content !== undefined) await writeFile(file, content);
  return file;
}

/** Runs `add`, and the days it may have called today: the one it started on and the one it ended on. */
async function addOn(args: string[], env: Record<string, string>) {
  const before = DateTime.now().toISODate();
  const run = await runCli(["add", ...args], env);
  return { run, today: [before, DateTime.now().toISODate()] };
}

async function tweetsIn(file: string) {
  return JSON.parse(await readFile(file, "utf8")).tweets;
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
    const { run, today } = await addOn(["--text", "second <b>one</b>", "--date", "December 4, 2022"], {
      TWEETS_FILE: file,
    });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe(`added "second <b>one</b>" (December 4, 2022) as tweet 2 of ${file}\n`);
    const written = await readFile(file, "utf8");
    expect(JSON.parse(written)).toEqual({
      $schema: path.relative(path.dirname(file), path.resolve("tweets.schema.json")),
      tweets: [
        { text: "first", date: "2022-12-03" },
        { text: "second <b>one</b>", date: "December 4, 2022", added: expect.toBeOneOf(today) },
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
    expect(Object.keys(tweet)).toEqual(["text", "date", "url", "added"]);
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

describe("tweetwall add: who wrote it", () => {
  const SAMA = "https://x.com/sama/status/1599152286672248832";

  test("a status URL's account is the author, its handle standing in for the name", async () => {
    const file = await tweetsFileWith(undefined);
    const { run, today } = await addOn([SAMA, "--text", "a tweet by sama"], { TWEETS_FILE: file });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(await tweetsIn(file)).toEqual([
      {
        text: "a tweet by sama",
        date: "2022-12-03T21:23:10Z",
        url: SAMA,
        author: { name: "sama", handle: "sama" },
        added: expect.toBeOneOf(today),
      },
    ]);
  });

  test.each([
    [["--author-name", "Sam Altman"], { name: "Sam Altman", handle: "sama" }],
    [["--author-handle", "@gdb"], { name: "gdb", handle: "@gdb" }],
    [["--author-handle", "gdb", "--author-name", "Greg"], { name: "Greg", handle: "gdb" }],
  ])("with a status URL and %j, the author is %j", async (flags, author) => {
    const file = await tweetsFileWith(undefined);
    const { run } = await addOn([SAMA, "--text", "credited", ...flags], { TWEETS_FILE: file });
    expect(run.status).toBe(0);
    expect((await tweetsIn(file))[0].author).toEqual(author);
  });

  test.each([
    "https://x.com/i/status/1599152286672248832",
    "https://x.com/i/web/status/1599152286672248832",
    // The site's own author (data/site.json) is every tweet's default, with a real name there.
    "https://x.com/Karpathy/status/1599152286672248832",
  ])("%s leaves the site's author as the default", async (url) => {
    const file = await tweetsFileWith(undefined);
    const { run } = await addOn([url, "--text", "uncredited"], { TWEETS_FILE: file });
    expect(run.status).toBe(0);
    expect((await tweetsIn(file))[0]).not.toHaveProperty("author");
  });

  test("--author-handle alone needs no status URL; --author-name alone needs one naming the account", async () => {
    const file = await tweetsFileWith(undefined);
    const handled = await addOn(["--text", "one", "--date", "2024-05-01", "--author-handle", "ada"], {
      TWEETS_FILE: file,
    });
    expect(handled.run.status).toBe(0);
    expect((await tweetsIn(file))[0].author).toEqual({ name: "ada", handle: "ada" });

    const before = await readFile(file, "utf8");
    const named = await addOn(["--text", "two", "--date", "2024-05-01", "--author-name", "Ada"], {
      TWEETS_FILE: file,
    });
    expect(named.run.status).toBe(1);
    expect(named.run.stderr).toBe(
      "1 problem:\n  add: --author-name: expected --author-handle with it, or a status URL naming the account\n",
    );
    expect(await readFile(file, "utf8")).toBe(before);
  });
});

describe("the curator's file is never lost or corrupted", () => {
  test("eight adds run at once keep all eight tweets, in a file that is still valid JSON", async () => {
    const file = await tweetsFileWith('[{ "text": "first", "date": "2022-12-03" }]');
    const texts = Array.from({ length: 8 }, (_, index) => `tweet number ${index + 1}`);
    const runs = await Promise.all(
      texts.map((text) => runCli(["add", "--text", text, "--date", "2024-05-01"], { TWEETS_FILE: file })),
    );
    for (const run of runs) expect(run).toMatchObject({ status: 0, stderr: "" });
    const tweets = await tweetsIn(file);
    expect(tweets[0].text).toBe("first");
    expect(tweets.map((tweet: { text: string }) => tweet.text).sort()).toEqual(["first", ...texts].sort());
    expect(await readdir(path.dirname(file))).toEqual(["tweets.json"]);
  });

  test("through a symlinked TWEETS_FILE the link stays a link, and a 600 file stays 600", async () => {
    const target = await tweetsFileWith('[{ "text": "first", "date": "2022-12-03" }]');
    await chmod(target, 0o600);
    const link = path.join(path.dirname(target), "linked", "tweets.json");
    await mkdir(path.dirname(link));
    await symlink(target, link);
    const { run } = await addOn(["--text", "second", "--date", "2024-05-01"], { TWEETS_FILE: link });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await tweetsIn(target)).map((tweet: { text: string }) => tweet.text)).toEqual([
      "first",
      "second",
    ]);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  test("a lock left by a process that has ended is taken over", async () => {
    const file = await tweetsFileWith(undefined);
    const { pid } = spawnSync(process.execPath, ["-e", ""]);
    await writeFile(`${file}.lock`, `${pid} ${hostname()}\n`);
    const { run } = await addOn(["--text", "after a crash", "--date", "2024-05-01"], { TWEETS_FILE: file });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(await tweetsIn(file)).toHaveLength(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe("tweetwall schema", () => {
  test("--check passes on the committed schema", async () => {
    const run = await runCli(["schema", "--check"]);
    expect(run).toMatchObject({ status: 0, stdout: "tweets.schema.json is current.\n" });
  });
});
