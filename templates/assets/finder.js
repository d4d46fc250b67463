// The wall's finder: search, year filter, URL state and the live count. wall.js loads it on
// first use, so the first view stays small and makes no request until the visitor searches.

const RESULT_LIMIT = 200;
const TYPING_PAUSE_MS = 120;

const byId = (id) => document.getElementById(id);
const finder = byId("finder");
const wall = byId("wall");
const input = byId("finder-q");
const select = byId("finder-year");
const count = byId("finder-count");
const results = byId("finder-results");
const form = finder?.querySelector("form");
const pageNavs = [...document.querySelectorAll("nav.page-nav")];
const pageNav = pageNavs[0];
const bars = [...document.querySelectorAll(".timeline a")];
/** wall.js sits at the site root, so a path prefix is respected without being configured twice. */
const siteRoot = new URL("./", import.meta.url);

/** A month from a timeline bar; there is no control for it, so changing the year drops it. */
let month = 0;
/** Counts runs of the finder, so a slow index fetch never overwrites newer results. */
let generation = 0;
/** Filled on first use: the articles of this page, or the rows of search-index.json. */
let tweetsOnThisPage;
let index;
/** The results not shown yet, past the first RESULT_LIMIT, and what to highlight in them. */
let rest = [];
let words = [];
const more = element("button", "finder-more", "Show more");
const clear = element("button", "finder-clear", "Clear");

export function startFinder() {
  if (!(finder && wall && input && select && count && results && form)) return;
  // The URL's state wins only where it says something: this module loads on the first
  // keystroke or choice, which must not be undone.
  const params = new URLSearchParams(location.search);
  const year = params.get("year") ?? "";
  if (params.has("q")) input.value = params.get("q") ?? "";
  if (year && [...select.options].some((option) => option.value === year)) select.value = year;
  if (select.value && /^(0?[1-9]|1[0-2])$/.test(params.get("month") ?? ""))
    month = Number(params.get("month"));
  finder.hidden = false;
  more.type = clear.type = "button";
  more.hidden = clear.hidden = true;
  more.addEventListener("click", () => showMore(true));
  results.after(more);
  // A clear button of its own: a search field's × is too small and missing in some browsers.
  input.after(clear);
  clear.addEventListener("click", () => {
    input.value = select.value = "";
    month = 0;
    applyNow();
    input.focus();
  });

  let timer;
  const applyNow = () => {
    clearTimeout(timer);
    apply();
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(apply, TYPING_PAUSE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !input.value) return;
    event.preventDefault();
    input.value = "";
    applyNow();
  });
  select.addEventListener("change", () => {
    month = 0;
    applyNow();
  });
  // The form only exists for its labels and role; the page's CSP refuses any submission.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    applyNow();
  });
  return apply();
}

async function apply() {
  const run = ++generation;
  const query = input.value.trim();
  const filter = { words: fold(query).split(/\s+/).filter(Boolean), year: Number(select.value), month };
  saveToUrl(query, select.value);
  const active = filter.words.length > 0 || filter.year > 0;
  clear.hidden = !active;
  words = query.split(/\s+/).filter(Boolean);
  markPeriod(filter);

  if (!pageNav) {
    const tweets = wallTweets();
    const found = tweets.filter((tweet) => {
      tweet.article.hidden = active && !matches(filter, tweet);
      const text = tweet.article.querySelector(":scope > .tweet-text");
      if (text) highlight(text, tweet.article.hidden ? [] : words);
      return !tweet.article.hidden;
    });
    return setCount(active ? describe(found.length, tweets.length) : "");
  }

  if (!active) {
    showResults(false);
    more.hidden = true;
    return setCount("");
  }
  let rows;
  try {
    rows = await loadIndex();
  } catch {
    if (run === generation) setCount("The search could not load. Try again in a moment.");
    return;
  }
  if (run !== generation) return;
  const found = rows.filter((row) => matches(filter, row));
  results.replaceChildren();
  rest = found;
  showMore(false);
  showResults(true);
  const capped = found.length > RESULT_LIMIT ? `, showing the first ${RESULT_LIMIT}` : "";
  setCount(describe(found.length, rows.length) + capped);
}

/** Case- and accent-insensitive: "Café", "CAFE" and "café" all become "cafe". */
function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

function matches({ words, year, month }, tweet) {
  return (
    (!year || tweet.year === year) &&
    (!month || tweet.month === month) &&
    words.every((word) => tweet.text.includes(word))
  );
}

function describe(found, total) {
  const when = month
    ? ` from ${dateLabel(Date.UTC(select.value, month - 1), { month: "long", year: "numeric" })}`
    : "";
  if (!found) return `No tweets match${when}`;
  return `${found.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} tweets${when}`;
}

function setCount(text) {
  count.textContent = text;
}

function dateLabel(date, format) {
  return new Date(date).toLocaleDateString("en-US", { ...format, timeZone: "UTC" });
}

function saveToUrl(query, year) {
  const url = new URL(location.href);
  const state = { q: query, year, month: year && month ? String(month) : "" };
  for (const [key, value] of Object.entries(state)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/** "2022-12-03…" → { year: 2022, month: 12 }: the day as written, whatever its offset. */
function yearAndMonth(isoDate) {
  return { year: Number(isoDate.slice(0, 4)), month: Number(isoDate.slice(5, 7)) };
}

function wallTweets() {
  tweetsOnThisPage ??= [...wall.querySelectorAll("article.tweet")].map((article) => ({
    article,
    // The tweet's own words and author: a quoted tweet's sit deeper in the card.
    text: fold(
      [...article.querySelectorAll(":scope > .tweet-text, :scope > .p-author, :scope > footer > .p-author")]
        .map((node) => node.textContent)
        .join("\n"),
    ),
    ...yearAndMonth(article.querySelector(":scope > footer time")?.getAttribute("datetime") ?? ""),
  }));
  return tweetsOnThisPage;
}

/** The index of every tweet on every page, fetched once, and only once the visitor searches. */
function loadIndex() {
  index ??= fetch(new URL("search-index.json", import.meta.url))
    .then((response) => {
      if (!response.ok) throw new Error(`search-index.json: HTTP ${response.status}`);
      return response.json();
    })
    .then(({ authors, tweets }) =>
      tweets.map(([wallUrl, text, isoDate, author]) => {
        const [handle, name] = authors[author];
        return {
          row: { wallUrl, text, isoDate, handle, name, sole: authors.length === 1 && handle !== "" },
          text: fold(`${text}\n${handle && `@${handle}`}\n${name}`),
          ...yearAndMonth(isoDate),
        };
      }),
    );
  // A failed fetch is forgotten, so the next keystroke tries again.
  index.catch(() => (index = undefined));
  return index;
}

function showResults(shown) {
  results.hidden = !shown;
  wall.hidden = shown;
  for (const nav of pageNavs) nav.hidden = shown;
}

/** The next RESULT_LIMIT results; `focus`: the first of them, when the visitor asked for more. */
function showMore(focus) {
  const next = rest.slice(0, RESULT_LIMIT).map(({ row }) => resultCard(row));
  rest = rest.slice(RESULT_LIMIT);
  results.append(...next);
  more.hidden = rest.length === 0;
  if (focus) next[0]?.querySelector("a")?.focus();
}

/** The chosen year (and month) marked on the timeline, as the page it would link to. */
function markPeriod({ year, month }) {
  const query = year ? `?year=${year}${month ? `&month=${month}` : ""}` : "";
  for (const bar of bars) {
    if (query && bar.search === query) bar.setAttribute("aria-current", "true");
    else bar.removeAttribute("aria-current");
  }
}

/** `element`'s text with each of `words` marked (case-insensitive), the previous marks removed. */
function highlight(element, words) {
  for (const mark of element.querySelectorAll("mark")) mark.replaceWith(mark.textContent);
  element.normalize();
  if (words.length === 0) return;
  const pattern = new RegExp(
    words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "giu",
  );
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const text of texts) {
    const parts = [];
    let last = 0;
    for (const match of text.data.matchAll(pattern)) {
      parts.push(text.data.slice(last, match.index), markOf(match[0]));
      last = match.index + match[0].length;
    }
    if (parts.length) text.replaceWith(...parts, text.data.slice(last));
  }
}

function markOf(text) {
  return element("mark", "", text);
}

/**
 * A result as the wall's own card draws a tweet (src/site/cards.ts), its words highlighted; its
 * date links to its place on the wall. On a one-author wall the author is for screen readers.
 */
function resultCard({ wallUrl, text, isoDate, handle, name, sole }) {
  // The day as written, whatever its offset: "2022-12-03T23:30:00-05:00" is December 3.
  const label = dateLabel(isoDate.slice(0, 10), { dateStyle: "long" });
  const time = element("time", "dt-published", label);
  time.dateTime = isoDate;
  const link = element("a", "tweet-permalink u-url");
  link.href = wallUrl.startsWith(siteRoot.pathname)
    ? wallUrl
    : siteRoot.pathname + wallUrl.replace(/^\//, "");
  link.append(time, element("span", "visually-hidden", ", on the wall"));
  // An unknown author has a name ("Unknown author") and no handle.
  const author = element(
    sole ? "span" : "header",
    `tweet-author p-author h-card${sole ? " visually-hidden" : ""}`,
  );
  author.append(element("span", "tweet-name p-name", name));
  if (handle) author.append(" ", element("span", "tweet-handle", `@${handle}`));
  const meta = element("footer", "tweet-meta");
  // As on the wall: a one-author wall names the author for screen readers, before the date.
  if (sole) author.append(", ");
  if (sole) meta.append(author);
  meta.append(link);
  const card = element("article", "tweet h-entry");
  const textParagraph = element("p", "tweet-text e-content", text);
  // As on the wall's own cards (src/site/cards.ts): each text sets its own direction.
  textParagraph.dir = "auto";
  highlight(textParagraph, words);
  if (!sole) card.append(author);
  card.append(textParagraph, meta);
  return card;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
