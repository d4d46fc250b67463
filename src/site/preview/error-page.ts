import { escapeHtml } from "../../tweet/html.ts";

/**
 * The page the preview shows in place of every page while the last save does not build: each
 * problem with its file and line, and the live-reload script the dev server adds, so the next
 * good save brings the wall back by itself.
 */
export function errorPage(lines: readonly string[]): string {
  const items = lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>The wall could not be built</title>
<link rel="icon" href="data:,">
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}li{margin:.5rem 0}code{white-space:pre-wrap;overflow-wrap:anywhere}</style>
</head>
<body>
<main>
<h1>The wall could not be built</h1>
<p>Fix ${lines.length === 1 ? "this problem" : `these ${lines.length} problems`} and save: this page reloads by itself.</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
