import type { TweetInput } from "../../curator/schema.ts";
import { decodeXEntities } from "../../tweet/html.ts";
import { dateOfStatusId } from "../../tweet/status.ts";
import { ArchiveError } from "./error.ts";
import { type ArchiveFile, openArchive, WHAT_AN_ARCHIVE_IS } from "./source.ts";
import { forEachYtdElement } from "./ytd.ts";

/**
 * The tweets an archive's owner liked, from `data/like.js` (and `like-part1.js`, … in a large one):
 *
 *     window.YTD.like.part0 = [
 *       { "like": { "tweetId": "1600537548036857856", "fullText": "…",
 *                   "expandedUrl": "https://twitter.com/i/web/status/1600537548036857856" } }, …
 *
 * That is all X keeps of a like: no author, no date, no media, links still as t.co. So each liked
 * tweet gets its status link (`https://x.com/i/status/<id>`), its text, the date its id holds
 * (ids from November 2010 on), and an unknown author (`null`): a liked tweet is someone else's,
 * never the curator's. Fetching it from X completes the rest. A deleted tweet's like has no text.
 */

export interface LikedTweet {
  id: string;
  url: string;
  /** The tweet as the archive has it, when that is enough to show it. */
  tweet: TweetInput | undefined;
  /** Why the archive's record is not enough to show it, when it is not. */
  incomplete: string | undefined;
}

export interface LikesSelection {
  ids?: Set<string>;
  since?: string;
  until?: string;
  limit?: number;
}

export interface ArchiveLikes {
  /** The selected likes, in the archive's order (the most recently liked first). */
  likes: LikedTweet[];
  /** Likes in the archive. */
  read: number;
  /** Likes left out by `since`, `until` or `limit`. */
  notSelected: number;
  /** Ids asked for with `ids` that the archive has no like of. */
  missingIds: string[];
}

export async function readArchiveLikes(
  source: string,
  selection: LikesSelection = {},
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<ArchiveLikes> {
  const archive = await openArchive(source);
  try {
    if (archive.likeFiles.length === 0) {
      throw new ArchiveError(
        { file: source },
        "no data/like.js in this archive",
        `${WHAT_AN_ARCHIVE_IS} with its likes`,
      );
    }
    const likes: LikedTweet[] = [];
    const found = new Set<string>();
    const totalBytes = archive.likeFiles.reduce((sum, file) => sum + file.size, 0);
    let bytesRead = 0;
    let read = 0;
    let notSelected = 0;
    for (const file of archive.likeFiles) {
      await forEachYtdElement(
        file,
        (element, index) => {
          read++;
          const like = readLike(element, index, file);
          if (selection.ids && !selection.ids.has(like.id)) return;
          found.add(like.id);
          const day = like.tweet?.date.slice(0, 10);
          const outside =
            (selection.since !== undefined && day !== undefined && day < selection.since) ||
            (selection.until !== undefined && day !== undefined && day > selection.until) ||
            (selection.limit !== undefined && likes.length >= selection.limit);
          if (outside) notSelected++;
          else likes.push(like);
        },
        (bytes) => {
          bytesRead += bytes;
          onProgress?.(Math.min(bytesRead, totalBytes), totalBytes);
        },
      );
    }
    return {
      likes,
      read,
      notSelected,
      missingIds: [...(selection.ids ?? [])].filter((id) => !found.has(id)),
    };
  } finally {
    archive.close();
  }
}

function readLike(element: unknown, index: number, file: ArchiveFile): LikedTweet {
  const like = (element as { like?: Record<string, unknown> } | null)?.like;
  const id = like?.tweetId;
  if (typeof id !== "string" || !/^\d{1,20}$/.test(id)) {
    throw new ArchiveError(
      { file: file.label },
      `like ${index + 1} has no tweet id`,
      '{ "like": { "tweetId": "<digits>", … } } for every like',
    );
  }
  const url = `https://x.com/i/status/${id}`;
  const fullText = typeof like?.fullText === "string" ? decodeXEntities(like.fullText).trim() : "";
  const date = dateOfStatusId(id);
  const incomplete =
    fullText === ""
      ? "the archive has no text for it (a deleted or protected tweet)"
      : date === undefined
        ? "its id holds no date (a tweet from before November 2010)"
        : undefined;
  return {
    id,
    url,
    tweet: incomplete || date === undefined ? undefined : { text: fullText, date, url, author: null },
    incomplete,
  };
}
