import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { REPO_ROOT, runCli } from "./cli.ts";
import { tempDir } from "./temp.ts";
import { startXServer, statusUrlOf, X_TWEETS } from "./x-server.ts";

/** The recorded tweets with something of each kind X attaches. */
export const FETCHED = [
  X_TWEETS.photo,
  X_TWEETS.fourPhotos,
  X_TWEETS.video,
  X_TWEETS.gif,
  X_TWEETS.quote,
  X_TWEETS.reply,
  X_TWEETS.card,
];

/** Preloaded into a command that must work offline: see the file. */
export const NO_NETWORK = path.join(REPO_ROOT, "tests/support/no-network.mjs");

export interface FetchedWall {
  dir: string;
  site: string;
  /** Where the preload writes down each attempt onto the network; absent when none was made. */
  networkLog: string;
  /** The environment of the offline build: the wall's files, and the network refused. */
  offline: Record<string, string>;
}

/**
 * A wall of the `FETCHED` tweets, added by their URL from the stand-in for X, which is then
 * closed; built with every way onto the network refused.
 */
export async function buildFetchedWall(): Promise<FetchedWall> {
  const dir = await tempDir("tweetwall-fetched-");
  const tweetsFile = path.join(dir, "data", "tweets.json");
  const siteFile = path.join(dir, "data", "site.json");
  await mkdir(path.dirname(tweetsFile), { recursive: true });
  await writeFile(
    siteFile,
    JSON.stringify({ title: "Fetched", author: { name: "Curator", handle: "curator" } }),
  );
  const files = { TWEETS_FILE: tweetsFile, SITE_FILE: siteFile };
  const server = await startXServer();
  try {
    const added = await runCli(["add", ...FETCHED.map(statusUrlOf)], {
      ...server.env,
      ...files,
      TWEETWALL_TIMEOUT_MS: "400",
      TWEETWALL_BACKOFF_MS: "20",
    });
    expect(added.stderr).toBe("");
    expect(added.status).toBe(0);
  } finally {
    await server.close();
  }
  const networkLog = path.join(dir, "network.log");
  const offline = {
    ...files,
    NODE_OPTIONS: `--import=${NO_NETWORK}`,
    TWEETWALL_NETWORK_LOG: networkLog,
    // Were the build to fetch, it would go to X itself: refused, and written down.
    TWEETWALL_SYNDICATION_URL: "",
    TWEETWALL_MEDIA_URL: "",
  };
  const site = path.join(dir, "_site");
  const built = await runCli(["build", "--output", site], offline);
  expect(built.stderr).toBe("");
  expect(built.status).toBe(0);
  return { dir, site, networkLog, offline };
}
