import type { Timeline, TimelineBar, TweetView } from "./types.ts";

const BAR_WIDTH = 28;
const GAP = 6;
const PLOT_HEIGHT = 64;
const LABEL_SPACE = 18;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "1 tweet", "0 tweets", "70 tweets". */
export function tweetCount(count: number): string {
  return `${count} tweet${count === 1 ? "" : "s"}`;
}

/**
 * Tweets per year, or per month when the wall spans less than two years, with empty periods
 * in between shown as empty bars so the gaps read true.
 */
export function buildTimeline(tweets: TweetView[]): Timeline | undefined {
  if (tweets.length === 0) return undefined;
  const months = tweets.map(({ date }) => date.year * 12 + (date.month - 1));
  // A loop, not Math.min(...months): spreading 100,000+ arguments overflows the stack.
  let first = months[0]!;
  let last = first;
  for (const month of months) {
    if (month < first) first = month;
    if (month > last) last = month;
  }
  const unit = last - first < 24 ? "month" : "year";
  const keyOf = (month: number) => (unit === "year" ? Math.floor(month / 12) : month);
  const counts = new Map<number, number>();
  for (const month of months) counts.set(keyOf(month), (counts.get(keyOf(month)) ?? 0) + 1);
  const firstKey = keyOf(first);
  const keys = Array.from({ length: keyOf(last) - firstKey + 1 }, (_, index) => firstKey + index);
  const max = Math.max(...counts.values());
  const bars = keys.map((key, index) => {
    const count = counts.get(key) ?? 0;
    const height = count === 0 ? 0 : Math.max(2, Math.round((count / max) * PLOT_HEIGHT));
    const year = unit === "year" ? key : Math.floor(key / 12);
    const month = key % 12;
    const label = unit === "year" ? String(year) : `${MONTH_NAMES[month]} ${year}`;
    return {
      label,
      shortLabel: unit === "year" ? String(year) : MONTH_NAMES[month]!,
      name: `${label}: ${tweetCount(count)}`,
      count,
      query: unit === "year" ? `?year=${year}` : `?year=${year}&month=${month + 1}`,
      x: index * (BAR_WIDTH + GAP),
      y: PLOT_HEIGHT - height,
      height,
    };
  });
  return {
    unit,
    bars,
    width: bars.length * (BAR_WIDTH + GAP) - GAP,
    height: PLOT_HEIGHT + LABEL_SPACE,
    barWidth: BAR_WIDTH,
    plotHeight: PLOT_HEIGHT,
  };
}
