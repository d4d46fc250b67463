import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Large walls for the bench, the same on every run: tweets of about the seed's length (30–300
 * characters, 140 on average) with links, @mentions and #hashtags mixed in, dated newest
 * first over ten years.
 */

export interface PlainTweet {
  text: string;
  date: string;
}

const WORDS = (
  "the a of to and in is it that for on with as this was at by be from have not but what all " +
  "were when we there can an your which their said if do will each about how up out them then " +
  "she many some so these would other into has more her two like him see time could no make than " +
  "first been its who now people my made over did down only way find use may water long little " +
  "very after words called just where most know get through back much before go good new write " +
  "our used me man too any day same right look think also around another came come work three " +
  "model data training neural network compute paper code research learning tokens gradient " +
  "optimizer benchmark dataset inference transformer attention weights loss epoch batch"
).split(" ");
const HANDLES = ["karpathy", "ylecun", "sama", "jeremyphoward", "hardmaru", "fchollet", "goodfellow_ian"];
const TAGS = ["AI", "DeepLearning", "NeurIPS", "Python", "100DaysOfCode", "MachineLearning"];

const NEWEST = Date.UTC(2022, 11, 31, 23, 59, 59);
const TEN_YEARS_MS = 10 * 365.25 * 24 * 60 * 60 * 1000;

/** mulberry32: a small seeded generator, so every run builds the very same wall. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticTweets(count: number, seed = 20221231): PlainTweet[] {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const step = TEN_YEARS_MS / count;
  return Array.from({ length: count }, (_, index) => {
    const target = 30 + Math.floor(random() * 200);
    const parts: string[] = [];
    if (random() < 0.2) parts.push(`@${pick(HANDLES)}`);
    let length = parts.join(" ").length;
    while (length < target) {
      const word = pick(WORDS);
      parts.push(word);
      length += word.length + 1;
    }
    let text = parts.join(" ");
    text = text[0]!.toUpperCase() + text.slice(1) + pick([".", ".", "!", "?", " 🤔", "…"]);
    if (random() < 0.15) text += ` #${pick(TAGS)}`;
    if (random() < 0.25) text += ` https://example.com/${index.toString(36)}/${pick(WORDS)}`;
    if (random() < 0.05) text += `\n\n${pick(WORDS)} ${pick(WORDS)}`;
    const time = NEWEST - index * step - Math.floor(random() * step);
    return { text, date: new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z") };
  });
}

/** Writes a tweets file as the curator keeps it: `{ "tweets": [...] }`. */
export async function writeTweetsFile(file: string, tweets: PlainTweet[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ tweets }, null, 2)}\n`);
}
