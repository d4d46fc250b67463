import type { AuthorInput } from "../curator/schema.ts";
import { bareHandle } from "../tweet/handle.ts";
import { profileUrl } from "../tweet/urls.ts";
import type { AuthorView } from "./types.ts";

export function normalizeAuthor(author: AuthorInput): AuthorView {
  const handle = bareHandle(author.handle);
  const name = author.name.trim();
  return {
    name,
    handle,
    profileUrl: profileUrl(handle),
    byline: `${name} (@${handle})`,
    avatar: author.avatar,
  };
}

/**
 * The author of a tweet stored with `"author": null`, a liked tweet imported without fetching:
 * shown as unknown, never as anyone's profile. One for the whole wall.
 */
export const UNKNOWN_AUTHOR: AuthorView = Object.freeze({
  name: "Unknown author",
  handle: undefined,
  profileUrl: undefined,
  byline: "Unknown author",
  avatar: undefined,
});
