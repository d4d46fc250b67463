import { createHash } from "node:crypto";

export interface CspInput {
  /** Inline `<style>` contents that the policy must allow, by hash. */
  inlineStyles: string[];
  /** The dev server injects its live-reload module script and opens a websocket. */
  devServer: boolean;
}

/**
 * The page uses nothing but its own inline stylesheet and same-origin images, so everything else
 * is forbidden. (`frame-ancestors` is ignored in a <meta> policy; `_headers` is the place for it.)
 */
export function contentSecurityPolicy({ inlineStyles, devServer }: CspInput): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'none'"],
    ["style-src", ...inlineStyles.map(sha256Source)],
    ["img-src", "'self'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ];
  if (devServer) directives.push(["script-src", "'self'"], ["connect-src", "'self'"]);
  return directives.map((parts) => parts.join(" ")).join("; ");
}

export function sha256Source(content: string): string {
  return `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`;
}
