import { randomBytes } from "node:crypto";
import { mkdir, open, readlink, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Site, SiteInput, TweetInput } from "./schema.ts";

/**
 * Writes JSON the same way every time (2-space indent, fixed key order, trailing newline) so
 * the curator's git diffs stay small.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Replaces a file all at once, so a reader or a crash finds the old contents or the new, never
 * part of either. Every write of a curator's file goes through here. A symlink stays a link: its
 * target is replaced, from a temporary file beside the target (a rename is atomic only within
 * one file system), and keeps its mode and, as far as the process may, its owner.
 */
export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const target = await targetOf(file);
  await mkdir(path.dirname(target), { recursive: true });
  const was = await stat(target).catch((error: unknown) =>
    code(error) === "ENOENT" ? undefined : Promise.reject(error),
  );
  const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(contents);
      if (was) {
        // Only root may give a file away; anyone else keeps what they may and writes anyway.
        await handle.chown(was.uid, was.gid).catch((error: unknown) => {
          if (code(error) !== "EPERM") throw error;
        });
        // Exactly the old mode: open() applied the umask, and chown may have cleared bits.
        await handle.chmod(was.mode & 0o7777);
      }
      // On disk before the rename, so a crash cannot leave the name on a file not yet written.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The file a path names once symlinks are followed; a dangling link names the file it would make. */
async function targetOf(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch (error) {
    if (code(error) !== "ENOENT") throw error;
  }
  const link = await readlink(file).catch((error: unknown) =>
    code(error) === "ENOENT" || code(error) === "EINVAL" ? undefined : Promise.reject(error),
  );
  if (link === undefined) return path.resolve(file);
  return targetOf(path.resolve(await realpath(path.dirname(file)), link));
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
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
