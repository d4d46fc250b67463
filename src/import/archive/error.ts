import { SourceError } from "../source-error.ts";
/**
 * A problem with an X archive, with its place: the file (a path, or `archive.zip!data/tweets.js`
 * inside a zip) and, where it can be found, the 1-based line and column.
 */
export class ArchiveError extends SourceError {
  override readonly name = "ArchiveError";
}
