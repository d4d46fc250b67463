/** Escapes text for HTML content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most values hold none of these: testing first spares them a replace and a new string.
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (char) => HTML_ESCAPES[char] ?? char) : text;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const X_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * The three entities X writes into a tweet's text (its API and archives alike), decoded in one
 * pass: `&amp;lt;` becomes `&lt;`, never `<`. Nothing else in X's text is an entity.
 */
export function decodeXEntities(text: string): string {
  return text.includes("&")
    ? text.replace(/&(?:amp|lt|gt);/g, (entity) => X_ENTITIES[entity] ?? entity)
    : text;
}
