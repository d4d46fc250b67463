import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, readlink, realpath, rename, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inSchemaOrder } from "./schema-walk.ts";
import { type Site, type SiteInput, tweetSchema, type TweetInput } from "./schema.ts";

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

export type Locked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Long enough for an import to copy an archive's images; an `add` waits at most this long. */
const LOCK_TIMEOUT_MS = 30_000;
const LOCK_RETRY_MS = 25;

/**
 * Runs `update`, a read-modify-write of `file`, while holding `<file>.lock`, so commands run at
 * once take turns instead of writing over each other's changes. Waiting too long, or the file
 * system refusing a write, comes back as one line.
 */
export async function withFileLock<T>(
  file: string,
  update: () => Promise<T>,
  { timeoutMs = LOCK_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<Locked<T>> {
  try {
    const lock = `${await targetOf(file)}.lock`;
    await mkdir(path.dirname(lock), { recursive: true });
    const refused = await acquire(lock, timeoutMs);
    if (refused !== undefined) return { ok: false, error: refused };
    try {
      return { ok: true, value: await update() };
    } finally {
      await rm(lock, { force: true });
    }
  } catch (error) {
    if (!(error instanceof Error && "syscall" in error)) throw error;
    return { ok: false, error: `could not write ${file}: ${error.message}` };
  }
}

/** What a lock file holds: its holder's pid and host. */
const OWNER = `${process.pid} ${hostname()}\n`;

interface Holder {
  text: string;
  pid?: number;
  host?: string;
}

/** Takes the lock, or says why not once `timeoutMs` have passed. */
async function acquire(lock: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await create(lock)) return undefined;
    const holder = await holderOf(lock);
    if (holder === undefined) continue;
    if (isGone(holder) && (await breakStale(lock, holder))) continue;
    if (Date.now() >= deadline) {
      const who = holder.pid === undefined ? "" : ` by process ${holder.pid}`;
      const where = holder.host === undefined || holder.host === hostname() ? "" : ` on ${holder.host}`;
      return `${lock}: still held${who}${where} after ${timeoutMs / 1000} s; try again once the other command is done, or delete this file if no tweetwall command is running`;
    }
    await sleep(LOCK_RETRY_MS * (1 + Math.random()));
  }
}

/** Creates a lock file naming this process; false when there is one already. */
async function create(lock: string): Promise<boolean> {
  const handle = await open(lock, "wx").catch((error: unknown) =>
    code(error) === "EEXIST" ? undefined : Promise.reject(error),
  );
  if (handle === undefined) return false;
  try {
    await handle.writeFile(OWNER);
  } catch (error) {
    await rm(lock, { force: true });
    throw error;
  } finally {
    await handle.close();
  }
  return true;
}

async function holderOf(lock: string): Promise<Holder | undefined> {
  const text = await readFile(lock, "utf8").catch((error: unknown) =>
    code(error) === "ENOENT" ? undefined : Promise.reject(error),
  );
  if (text === undefined) return undefined;
  const [, pid, host] = /^(\d+) (.*)\n$/.exec(text) ?? [];
  return { text, ...(pid === undefined ? {} : { pid: Number(pid), host }) };
}

/** A holder on this host whose process has ended. Elsewhere, or unnamed, it cannot be told. */
function isGone({ pid, host }: Holder): boolean {
  if (pid === undefined || host !== hostname()) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return code(error) === "ESRCH";
  }
}

/**
 * Removes a lock whose holder is gone; true when the lock is free to try again. Waiters that
 * find it together take turns through `<lock>.break`, and each removes the lock only if it still
 * is the stale one, never one a third command has just taken.
 */
async function breakStale(lock: string, stale: Holder): Promise<boolean> {
  const breaking = `${lock}.break`;
  if (!(await create(breaking))) {
    // Held for a few steps only: if its holder died in them, nobody else will remove it.
    const holder = await holderOf(breaking);
    if (holder !== undefined && isGone(holder)) await rm(breaking, { force: true });
    return false;
  }
  try {
    const holder = await holderOf(lock);
    if (holder?.text === stale.text && isGone(holder)) await rm(lock, { force: true });
    return true;
  } finally {
    await rm(breaking, { force: true });
  }
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

/** A tweet with every object's keys in the order the schema documents them, unset keys dropped. */
export function orderTweetKeys(tweet: TweetInput): TweetInput {
  return inSchemaOrder(tweet, tweetSchema) as TweetInput;
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
