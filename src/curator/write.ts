import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Site, SiteInput, TweetInput } from "./schema.ts";

/**
 * Writes JSON the same way every time (2-space indent, fixed key order, trailing newline) so
 * the curator's git diffs stay small, and atomically, so a crash never leaves half a file.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, "utf8");
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes the tweets file in its document form, `{ "$schema", "tweets" }`, so editors validate
 * it while typing; an existing `$schema` reference is kept as the curator wrote it.
 */
export async function writeTweetsFile(
  file: string,
  tweets: TweetInput[],
  { schemaRef, schemaFile }: { schemaRef?: string | undefined; schemaFile: string },
): Promise<void> {
  const relative = path
    .relative(path.dirname(path.resolve(file)), path.resolve(schemaFile))
    .split(path.sep)
    .join("/");
  await writeJsonAtomic(file, { $schema: schemaRef ?? relative, tweets: tweets.map(orderTweetKeys) });
}

/** A tweet with its keys in the documented order, dropping the ones that are not set. */
export function orderTweetKeys(tweet: TweetInput): TweetInput {
  return {
    text: tweet.text,
    date: tweet.date,
    ...(tweet.url === undefined ? {} : { url: tweet.url }),
    ...(tweet.author === undefined
      ? {}
      : { author: { name: tweet.author.name, handle: tweet.author.handle } }),
    ...(tweet.lang === undefined ? {} : { lang: tweet.lang }),
    ...(tweet.added === undefined ? {} : { added: tweet.added }),
    ...(tweet.media === undefined
      ? {}
      : { media: tweet.media.map(({ src, alt, width, height }) => ({ src, alt, width, height })) }),
  };
}

export function orderSiteKeys(site: SiteInput | Site): SiteInput {
  return {
    title: site.title,
    intro: site.intro ?? "",
    author: { name: site.author.name, handle: site.author.handle },
    links: (site.links ?? []).map((link) => ({ text: link.text, url: link.url })),
    ...(site.language === undefined || site.language === "en" ? {} : { language: site.language }),
    ...(site.url === undefined ? {} : { url: site.url }),
  };
}
