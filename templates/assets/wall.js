// The wall's enhancements. Everything here is optional: without this script the whole wall
// shows, the finder stays hidden and each tweet keeps its permalink. The finder's own code
// (finder.js) loads on first use, and the GIFs' (gifs.js) only on a page with one, so the first
// view stays small.

const COPIED_MS = 2000;
/** Two sheets, the icon of the "Copy link" buttons; their words stay for screen readers. */
const COPY_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8 8h13v13H8zm2 2v9h9v-9zM3 3h13v3h-2V5H5v9h1v2H3z"/></svg>';
const finder = document.getElementById("finder");
const count = document.getElementById("finder-count");

addCopyButtons();
if (finder) offerFinder(finder);
if (document.querySelector("video.tweet-gif")) import("./gifs.js");

function offerFinder(finder) {
  const form = finder.querySelector("form");
  // The form only exists for its labels and role; the page's CSP refuses any submission.
  form?.addEventListener("submit", (event) => event.preventDefault());
  let loading;
  const load = () => (loading ??= import("./finder.js").then((module) => module.startFinder()));
  const params = new URLSearchParams(location.search);
  // The head's flag hid the wall until it is filtered (src/site/assets.ts): shown once it is, or fails.
  const reveal = () => document.documentElement.classList.remove("filtering");
  if (["q", "year", "month"].some((name) => params.get(name))) return load().finally(reveal);
  for (const [id, type] of [
    ["finder-q", "input"],
    ["finder-year", "change"],
  ]) {
    document.getElementById(id)?.addEventListener(type, load, { once: true });
  }
  form?.addEventListener("submit", load, { once: true });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function addCopyButtons() {
  for (const meta of document.querySelectorAll("article.tweet .tweet-meta")) {
    const permalink = meta.querySelector("a.tweet-permalink");
    if (!permalink) continue;
    const button = element("button", "copy-link");
    button.type = "button";
    button.innerHTML = COPY_ICON;
    const label = element("span", "visually-hidden", "Copy link");
    button.append(label);
    let reset;
    button.addEventListener("click", async () => {
      const url = new URL(permalink.getAttribute("href"), location.href).href;
      try {
        await navigator.clipboard.writeText(url);
      } catch {
        return showLinkToCopy(button, url);
      }
      label.textContent = "Link copied";
      // Shown in words for a moment, then the icon again.
      label.className = "";
      button.className = "copy-link copied";
      announce("Link copied");
      clearTimeout(reset);
      reset = setTimeout(() => {
        label.textContent = "Copy link";
        label.className = "visually-hidden";
        button.className = "copy-link";
        if (count?.textContent === "Link copied") count.textContent = previousStatus;
      }, COPIED_MS);
    });
    // After the date, before the link to the original: the footer keeps its height as it arrives.
    permalink.after(button);
  }
}

/**
 * Without a clipboard (an old browser, an insecure origin, a refused permission) the link is shown
 * selected in a read-only field in place of the button, so one copy keystroke takes it.
 */
function showLinkToCopy(button, url) {
  const field = element("input", "copy-link copy-link-field");
  field.readOnly = true;
  field.size = 12;
  field.value = url;
  field.setAttribute("aria-label", "Link to this tweet");
  button.replaceWith(field);
  field.focus();
  field.select();
  announce("Link selected: press Ctrl+C, or Command+C on a Mac, to copy it");
}

let previousStatus = "";

function announce(text) {
  if (!count) return;
  if (count.textContent !== text) previousStatus = count.textContent;
  count.textContent = text;
}
