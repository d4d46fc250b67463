import { createReadStream, readdirSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { ArchiveError } from "./error.ts";

/**
 * Where an X archive's files are, whether it is the unpacked folder, its .zip, or a single
 * `data/tweets.js`. Everything after this module reads files through `ArchiveFile`, never
 * knowing which of the three it has.
 */

/** One file of the archive. */
export interface ArchiveFile {
  /** For people: a path, or `archive.zip!data/tweets.js` inside a zip. */
  label: string;
  open(): Promise<Readable>;
  /** Turns an error met while reading `open()`'s stream into the error to show. */
  readError(error: unknown): ArchiveError;
}

export interface TweetsFile extends ArchiveFile {
  /** In bytes, uncompressed; for progress. */
  size: number;
}

export interface ArchiveSource {
  /** `data/tweets.js`, or its parts in order: `tweets.js`, `tweets-part1.js`, … */
  tweetsFiles: TweetsFile[];
  /** `data/like.js`, or its parts in order: the tweets the owner liked. */
  likeFiles: TweetsFile[];
  accountFile: ArchiveFile | undefined;
  /** The archive's media files by name, e.g. `1600537548036857856-FjXyZabc.jpg`. */
  media: Map<string, ArchiveFile>;
  close(): void;
}

export const WHAT_AN_ARCHIVE_IS = "an X archive: its folder, its .zip, or its data/tweets.js";

/** Opens `source` as an archive folder, a `.zip`, or else as a `tweets.js` file. */
export async function openArchive(source: string): Promise<ArchiveSource> {
  const stats = await stat(source).catch(() => undefined);
  if (stats === undefined)
    throw new ArchiveError({ file: source }, "no such file or folder", WHAT_AN_ARCHIVE_IS);
  if (stats.isDirectory()) return openFolder(source);
  if (isZipPath(source)) return openZip(source);
  return openDataFolder(path.dirname(source), [path.basename(source)]);
}

export function isZipPath(file: string): boolean {
  return /\.zip$/i.test(file);
}

/** `tweets.js`, `tweets-part1.js`, … or, in archives from before 2020, `tweet.js`, `tweet-part1.js`, … */
const TWEETS_FILE = /^(tweets?)(?:-part(\d+))?\.js$/;
const MEDIA_FOLDERS = ["tweets_media", "tweet_media"];

/** The tweets files among a data folder's names, parts in order; `tweets*` over the older `tweet*`. */
export function tweetsFileNames(names: string[]): string[] {
  const found = names.flatMap((name) => {
    const match = TWEETS_FILE.exec(name);
    return match ? [{ name, plural: match[1] === "tweets", part: Number(match[2] ?? 0) }] : [];
  });
  const plural = found.some((file) => file.plural);
  return found
    .filter((file) => file.plural === plural)
    .sort((a, b) => a.part - b.part)
    .map((file) => file.name);
}

const LIKE_FILE = /^like(?:-part(\d+))?\.js$/;

/** `like.js`, `like-part1.js`, … among a data folder's names, parts in order. */
export function likeFileNames(names: string[]): string[] {
  return names
    .flatMap((name) => {
      const match = LIKE_FILE.exec(name);
      return match ? [{ name, part: Number(match[1] ?? 0) }] : [];
    })
    .sort((a, b) => a.part - b.part)
    .map((file) => file.name);
}

/** True for a folder holding `data/tweets.js` (or its older or split forms). */
export function isArchiveFolder(folder: string): boolean {
  try {
    return (
      statSync(folder).isDirectory() && tweetsFileNames(readdirSync(path.join(folder, "data"))).length > 0
    );
  } catch {
    return false;
  }
}

async function openFolder(folder: string): Promise<ArchiveSource> {
  const dataFolder = path.join(folder, "data");
  const names = await readdir(dataFolder).catch(() => []);
  if (tweetsFileNames(names).length === 0) {
    throw new ArchiveError(
      { file: folder },
      "no data/tweets.js in this folder",
      "the folder of an X archive, the one holding data/tweets.js",
    );
  }
  return openDataFolder(dataFolder, names);
}

/** The archive in `dataFolder`, from the names of its data files (all of them, or the one file given). */
async function openDataFolder(dataFolder: string, names: string[]): Promise<ArchiveSource> {
  const fileAt = (file: string): ArchiveFile => ({
    label: file,
    open: async () => createReadStream(file),
    readError: (error) =>
      new ArchiveError(
        { file },
        `can't be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        "a readable file",
      ),
  });
  const sized = (fileNames: string[]) =>
    Promise.all(
      fileNames.map(async (name) => {
        const file = path.join(dataFolder, name);
        return { ...fileAt(file), size: (await stat(file)).size };
      }),
    );
  const likeNames = likeFileNames(names);
  // A file given alone is read as tweets unless it is a likes file.
  const tweetsNames = names.length === 1 && likeNames.length === 0 ? names : tweetsFileNames(names);
  const [tweetsFiles, likeFiles] = await Promise.all([sized(tweetsNames), sized(likeNames)]);
  const accountPath = path.join(dataFolder, "account.js");
  const hasAccount = await stat(accountPath).then(
    (stats) => stats.isFile(),
    () => false,
  );
  const media = new Map<string, ArchiveFile>();
  for (const folder of MEDIA_FOLDERS) {
    const mediaFolder = path.join(dataFolder, folder);
    for (const name of await readdir(mediaFolder).catch(() => [])) {
      media.set(name, fileAt(path.join(mediaFolder, name)));
    }
  }
  return {
    tweetsFiles,
    likeFiles,
    accountFile: hasAccount ? fileAt(accountPath) : undefined,
    media,
    close: () => {},
  };
}

const COMPLETE_ZIP = "a complete X archive .zip";

function damagedZip(zipPath: string, error: unknown): ArchiveError {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
  return new ArchiveError({ file: zipPath }, `the zip is damaged or incomplete (${reason})`, COMPLETE_ZIP);
}

/**
 * Reads the zip's directory only; each file is decompressed as a stream when it is read. A zip
 * made by hand from the unpacked folder may hold everything under one top folder, so `data/` is
 * looked for at the top first, then one level down.
 */
async function openZip(zipPath: string): Promise<ArchiveSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw damagedZip(zipPath, error);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  } catch (error) {
    zip.close();
    throw damagedZip(zipPath, error);
  }

  const root = zipRoot([...entries.keys()]);
  if (root === undefined) {
    zip.close();
    throw new ArchiveError({ file: zipPath }, "no data/tweets.js in this zip", COMPLETE_ZIP);
  }
  const fileOf = (entry: yauzl.Entry): ArchiveFile => ({
    label: `${zipPath}!${entry.fileName}`,
    open: async () => {
      try {
        return await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw damagedZip(zipPath, error);
      }
    },
    readError: (error) => damagedZip(zipPath, error),
  });
  const dataFolder = `${root}data/`;
  const inData = new Map<string, yauzl.Entry>();
  for (const [name, entry] of entries)
    if (name.startsWith(dataFolder)) inData.set(name.slice(dataFolder.length), entry);

  const tweetsFiles = tweetsFileNames([...inData.keys()]).flatMap((name) => {
    const entry = inData.get(name);
    return entry ? [{ ...fileOf(entry), size: entry.uncompressedSize }] : [];
  });
  const likeFiles = likeFileNames([...inData.keys()]).flatMap((name) => {
    const entry = inData.get(name);
    return entry ? [{ ...fileOf(entry), size: entry.uncompressedSize }] : [];
  });
  const account = inData.get("account.js");
  const media = new Map<string, ArchiveFile>();
  for (const [name, entry] of inData) {
    const [folder, file, ...deeper] = name.split("/");
    if (MEDIA_FOLDERS.includes(folder ?? "") && file && deeper.length === 0) media.set(file, fileOf(entry));
  }
  return {
    tweetsFiles,
    likeFiles,
    accountFile: account ? fileOf(account) : undefined,
    media,
    close: () => zip.close(),
  };
}

/** `""` when the zip has `data/tweets.js` at the top, `"folder/"` when one level down, else undefined. */
function zipRoot(names: string[]): string | undefined {
  const roots = names.flatMap((name) => {
    const match = /^([^/]+\/)?data\/([^/]+)$/.exec(name);
    return match && tweetsFileNames([match[2] ?? ""]).length > 0 ? [match[1] ?? ""] : [];
  });
  return roots.includes("") ? "" : roots.sort()[0];
}

/** The whole file in memory: for images, which are small. */
export async function readWhole(file: ArchiveFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await file.open()) chunks.push(chunk as Buffer);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw file.readError(error);
  }
  return Buffer.concat(chunks);
}
