/**
 * An X handle: 1–15 letters, digits or underscores. The curator may write it with its @; the
 * wall stores and shows it without.
 */
export const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** The same, with or without a leading @, as the tweets file accepts it. */
export const HANDLE_WITH_AT = /^@?[A-Za-z0-9_]{1,15}$/;

/** The handle without its @. */
export function bareHandle(handle: string): string {
  return handle.replace(/^@/, "");
}

/** Whether two handles name the same account: X compares them without regard to case. */
export function sameHandle(a: string, b: string): boolean {
  return bareHandle(a).toLowerCase() === bareHandle(b).toLowerCase();
}
