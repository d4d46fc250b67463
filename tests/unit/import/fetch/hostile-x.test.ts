import { readdir, readFile, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { addTweetsByUrl } from "../../../../src/import/add-tweet.ts";
import { fetchSettingsFromEnv } from "../../../../src/import/fetch/settings.ts";
import { tempDir } from "../../../support/temp.ts";
import {
  recordedTweet,
  startXServer,
  statusUrlOf,
  X_FIXTURES,
  X_TWEETS,
  type XServer,
  type XServerOptions,
} from "../../../support/x-server.ts";

/** What a hostile or confused X answers: the stand-in with some answers replaced. */

const servers: XServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function x(options: XServerOptions = {}): Promise<XServer> {
  const server = await startXServer(options);
  servers.push(server);
  return server;
}

function sendJson(response: ServerResponse, value: unknown): true {
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
  return true;
}

/** Answers the syndication request for `id` with the recorded answer of `from`, altered. */
function altered(id: string, from: string, alter: (tweet: Record<string, any>) => void = () => {}) {
  return async (url: URL, response: ServerResponse) => {
    if (url.pathname !== "/tweet-result" || url.searchParams.get("id") !== id) return false;
    const tweet = await recordedTweet(from);
    alter(tweet);
    return sendJson(response, tweet);
  };
}

/** `add URL…` into a new tweets file, against a stand-in started with `options`. */
async function add(urls: string[], options: XServerOptions) {
  const server = await x(options);
  const settings = fetchSettingsFromEnv(server.env, { timeoutMs: 400, backoffMs: 5, retries: 1 });
  const dir = await tempDir();
  const tweetsFile = path.join(dir, "tweets.json");
  const outcome = await addTweetsByUrl({ tweetsFile, urls, settings });
  const text = await readFile(tweetsFile, "utf8").catch(() => undefined);
  const tweets = text === undefined ? [] : (JSON.parse(text) as { tweets: any[] }).tweets;
  return { outcome, dir, tweetsFile, tweets, server };
}

describe("add URL… against a hostile X", () => {
  test("an answer about another tweet is refused, from the syndication API and oEmbed alike", async () => {
    const asked = "1800000000000000000";
    const { outcome, tweets } = await add([statusUrlOf(asked)], {
      route: async (url, response) => {
        if (url.pathname === "/oembed") {
          const recorded = await readFile(
            path.join(X_FIXTURES, "oembed", `${X_TWEETS.onlyInOembed}.json`),
            "utf8",
          );
          return sendJson(response, JSON.parse(recorded));
        }
        return altered(asked, X_TWEETS.photo)(url, response);
      },
    });
    expect(tweets).toEqual([]);
    expect(outcome.errors).toEqual([
      `${statusUrlOf(asked)}: an answer about another tweet (${X_TWEETS.photo}); oEmbed: an answer about another tweet (${X_TWEETS.onlyInOembed})`,
    ]);
  });

  test("an edited tweet asked for by its first id is its newest version", async () => {
    const first = "1635500000000000000";
    const { outcome, tweets } = await add([statusUrlOf(first)], {
      route: altered(first, X_TWEETS.photo, (tweet) => {
        tweet.edit_control.edit_tweet_ids = [first, X_TWEETS.photo];
      }),
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets.map((tweet) => tweet.url)).toEqual([
      `https://x.com/analytical_ada/status/${X_TWEETS.photo}`,
    ]);
  });
});

describe("redirects", () => {
  const redirect = (to: string) => (url: URL, response: ServerResponse) => {
    if (url.pathname !== "/tweet-result" && url.pathname !== "/oembed") return false;
    response.writeHead(302, { location: `${to}${url.pathname}${url.search}` }).end();
    return true;
  };

  test("are not followed to another host, from an API or a media host", async () => {
    const elsewhere = await x();
    const asked = statusUrlOf(X_TWEETS.photo);
    const api = await add([asked], { route: redirect(elsewhere.url) });
    expect(api.outcome.errors).toEqual([
      `${asked}: redirected to another host, not followed: ${elsewhere.url}/tweet-result?id=${X_TWEETS.photo}&lang=en&token=3yqayydslim; oEmbed: redirected to another host, not followed: ${elsewhere.url}/oembed?url=https%3A%2F%2Ftwitter.com%2Fsomeone%2Fstatus%2F${X_TWEETS.photo}&omit_script=1&dnt=true`,
    ]);
    const media = await add([asked], {
      route: (url, response) => {
        if (!url.pathname.startsWith("/media/")) return false;
        response.writeHead(302, { location: `${elsewhere.url}${url.pathname}` }).end();
        return true;
      },
    });
    expect(media.outcome.errors).toEqual([
      expect.stringMatching(/the image media\/\S+\.jpg: .*redirected to another host, not followed: /),
    ]);
    expect(elsewhere.requests).toEqual([]);
    expect(api.tweets).toEqual([]);
    expect(media.tweets).toEqual([]);
  });

  test("are followed on the same host", async () => {
    const { outcome, tweets } = await add([statusUrlOf(X_TWEETS.photo)], {
      route: (url, response) => {
        if (url.pathname !== "/tweet-result" || url.searchParams.has("moved")) return false;
        response.writeHead(307, { location: `/tweet-result${url.search}&moved=1` }).end();
        return true;
      },
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets).toHaveLength(1);
  });
});

describe("file names made from X's answer", () => {
  /** Any picture or photo asked for is a recorded one: the name is what is tested. */
  const anyPicture = (url: URL, response: ServerResponse) => {
    if (!/^\/(profile_images|media)\//.test(url.pathname)) return false;
    void readFile(
      path.join(X_FIXTURES, "files/profile_images/1591823355912740864/Qk3vT9xa_400x400.jpg"),
    ).then((bytes) => response.writeHead(200, { "content-type": "image/jpeg" }).end(bytes));
    return true;
  };

  test.each([
    ["too long for a file system", `${"a".repeat(300)}_normal.jpg`],
    ["climbing out of the folder", "..%2F..%2F..%2Fx_normal.jpg"],
  ])("a picture named %s is left out; the tweet is stored, its photo under its id", async (_, name) => {
    const { outcome, tweets, dir } = await add([statusUrlOf(X_TWEETS.photo)], {
      route: async (url, response) =>
        anyPicture(url, response) ||
        altered(X_TWEETS.photo, X_TWEETS.photo, (tweet) => {
          tweet.user.profile_image_url_https = `https://pbs.twimg.com/profile_images/123/${name}`;
          tweet.mediaDetails[0].media_url_https = `https://pbs.twimg.com/media/..%2F..%2F..%2Fetc%2Fx.jpg`;
        })(url, response),
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets[0].author).toEqual({ name: "Ada Byron 🧮", handle: "analytical_ada" });
    expect(tweets[0].media[0].src).toBe(`media/${X_TWEETS.photo}-1.jpg`);
    expect(await readdir(dir, { recursive: true })).toEqual(
      expect.arrayContaining(["tweets.json", "media", `media/${X_TWEETS.photo}-1.jpg`]),
    );
    expect(await readdir(dir, { recursive: true })).toHaveLength(3);
  });

  test("a quoted tweet with an id too long to be X's is left out, not written under that name", async () => {
    const { outcome, tweets } = await add([statusUrlOf(X_TWEETS.quote)], {
      route: altered(X_TWEETS.quote, X_TWEETS.quote, (tweet) => {
        tweet.quoted_tweet.id_str = "9".repeat(300);
      }),
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets).toHaveLength(1);
    expect(tweets[0].quote).toBeUndefined();
  });

  test("a file that can't be written is one line, not a crash", async () => {
    const dir = await tempDir();
    // A file where the media folder should be: no file can be written under it, even by root.
    await writeFile(path.join(dir, "media"), "not a folder");
    const server = await x();
    const outcome = await addTweetsByUrl({
      tweetsFile: path.join(dir, "tweets.json"),
      urls: [statusUrlOf(X_TWEETS.photo)],
      settings: fetchSettingsFromEnv(server.env, { timeoutMs: 400 }),
    });
    expect(outcome.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^${statusUrlOf(X_TWEETS.photo)}: could not write \\S+/media/\\S+: (EEXIST|ENOTDIR)`),
      ),
    ]);
    expect(await readdir(dir)).toEqual(["media"]);
  });
});

describe("X's words in a failure", () => {
  test("stay on the one line that names the URL: no line breaks, escapes or reversed text", async () => {
    const asked = statusUrlOf(X_TWEETS.photo);
    const { outcome } = await add([asked], {
      route: altered(X_TWEETS.photo, X_TWEETS.photo, (tweet) => {
        tweet.user.screen_name = "ada\n  https://x.com/other/status/1: \u001b[32madded\u202e";
      }),
    });
    expect(outcome.errors).toEqual([
      String.raw`${asked}: X gives the handle "ada\u000a  https://x.com/other/status/1: \u001b[32madded\u202e"`,
    ]);
  });
});

describe("bodies too large", () => {
  /** Answers `pathPrefix` with a body that never ends, or a Content-Length of 2 GB and a few bytes. */
  const endless = (pathPrefix: string, declared: boolean) => (url: URL, response: ServerResponse) => {
    if (!url.pathname.startsWith(pathPrefix)) return false;
    response.writeHead(200, declared ? { "content-length": String(2 ** 31) } : {});
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once("drain", pump);
    };
    pump();
    return true;
  };

  test("an endless answer from the syndication API is abandoned at its cap", async () => {
    const asked = statusUrlOf(X_TWEETS.photo);
    const { outcome } = await add([asked], { route: endless("/tweet-result", false) });
    expect(outcome.errors).toEqual([
      `${asked}: an answer too large to be a tweet; oEmbed: not found (HTTP 404)`,
    ]);
  });

  test("a photo of 2 GB is named as a photo too large, not as a video", async () => {
    const asked = statusUrlOf(X_TWEETS.photo);
    const { outcome, tweets } = await add([asked], { route: endless("/media/", true) });
    expect(tweets).toEqual([]);
    expect(outcome.errors).toEqual([
      `${asked}: the image media/${X_TWEETS.photo}-1.jpg: over 30 MB, larger than any photo X serves`,
    ]);
  });
});

describe("quotes", () => {
  test("a tweet quoting itself is stored without the quote, whose photo would take its own's name", async () => {
    const { outcome, tweets } = await add([statusUrlOf(X_TWEETS.photo)], {
      route: async (url, response) => {
        const quoted = await recordedTweet(X_TWEETS.fourPhotos);
        return altered(X_TWEETS.photo, X_TWEETS.photo, (tweet) => {
          tweet.quoted_tweet = { ...quoted, id_str: X_TWEETS.photo };
        })(url, response);
      },
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets[0].quote).toBeUndefined();
    expect(tweets[0].media).toHaveLength(1);
  });

  test("a quote nested in a quote is one level, as X shows it", async () => {
    const { outcome, tweets } = await add([statusUrlOf(X_TWEETS.quote)], {
      route: async (url, response) => {
        const inner = await recordedTweet(X_TWEETS.photo);
        return altered(X_TWEETS.quote, X_TWEETS.quote, (tweet) => {
          tweet.quoted_tweet.quoted_tweet = inner;
        })(url, response);
      },
    });
    expect(outcome.errors).toEqual([]);
    expect(tweets[0].quote.url).toBe(`https://x.com/analytical_ada/status/${X_TWEETS.quoted}`);
    expect(Object.keys(tweets[0].quote)).not.toContain("quote");
  });
});

describe("the URLs a curator gives", () => {
  test("one tweet under x.com, twitter.com and mobile.twitter.com with ?s=20 is asked for once; a non-status URL is one line", async () => {
    const id = X_TWEETS.photo;
    const { outcome, tweets, server } = await add(
      [
        `https://x.com/analytical_ada/status/${id}`,
        `https://twitter.com/analytical_ada/status/${id}?s=20`,
        `https://mobile.twitter.com/analytical_ada/status/${id}?s=20&t=abc`,
        "https://x.com/analytical_ada",
      ],
      {},
    );
    expect(outcome.errors).toEqual([
      "https://x.com/analytical_ada: not a status URL, expected one like https://x.com/jack/status/20",
    ]);
    expect(tweets.map((tweet) => tweet.url)).toEqual([`https://x.com/analytical_ada/status/${id}`]);
    expect(server.requests.filter((url) => url.pathname === "/tweet-result")).toHaveLength(1);
  });
});

describe("files that are not what they are named", () => {
  test.each([
    [
      "an SVG with a script, for a photo",
      "/media/",
      '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>',
      "not a JPEG, PNG, GIF, WebP or AVIF image",
    ],
    [
      "a HEIC still, for a video",
      "/ext_tw_video/",
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic")]),
      "not an MP4 video",
    ],
  ])("%s is refused, so tweetwall check never meets it", async (_, prefix, body, reason) => {
    const asked = statusUrlOf(prefix === "/media/" ? X_TWEETS.photo : X_TWEETS.video);
    const { outcome, tweets } = await add([asked], {
      route: (url, response) => {
        if (!url.pathname.startsWith(prefix)) return false;
        response.writeHead(200).end(body);
        return true;
      },
    });
    expect(tweets).toEqual([]);
    expect(outcome.errors).toEqual([expect.stringMatching(new RegExp(`^${asked}: .*: ${reason}$`))]);
  });
});

describe("the curator's tweets file", () => {
  test("when it is invalid, X is asked nothing and it stays byte for byte", async () => {
    const server = await x();
    const dir = await tempDir();
    const tweetsFile = path.join(dir, "tweets.json");
    const invalid = '{ "tweets": [ { "text": "no date" } ] }\n';
    await writeFile(tweetsFile, invalid);
    const outcome = await addTweetsByUrl({
      tweetsFile,
      urls: [statusUrlOf(X_TWEETS.photo)],
      settings: fetchSettingsFromEnv(server.env),
    });
    expect(outcome.errors.at(-1)).toBe(`${tweetsFile} must be valid before adding to it`);
    expect(server.requests).toEqual([]);
    expect(await readFile(tweetsFile, "utf8")).toBe(invalid);
    expect(await readdir(dir)).toEqual(["tweets.json"]);
  });
});
