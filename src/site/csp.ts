import { createHash } from "node:crypto";

export interface CspInput {
  /** Inline `<style>` contents that the policy must allow, by hash. */
  inlineStyles: string[];
  /** Inline `<script>` contents that the policy must allow, by hash. */
  inlineScripts: string[];
}

/**
 * The page uses its own inline stylesheet, same-origin images and videos, its own scripts (plus one inline
 * line, by hash) and the search index they fetch: everything else is forbidden. (`frame-ancestors` is ignored
 * in a <meta> policy; `_headers` adds it. The dev server's live-reload script and websocket are
 * same-origin too.)
 */
export function contentSecurityPolicy({ inlineStyles, inlineScripts }: CspInput): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'none'"],
    ["style-src", ...inlineStyles.map(sha256Source)],
    ["img-src", "'self'"],
    // The tweets' videos and GIFs, copied into /media/.
    ["media-src", "'self'"],
    ["script-src", "'self'", ...inlineScripts.map(sha256Source)],
    ["connect-src", "'self'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

export function sha256Source(content: string): string {
  return `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`;
}
