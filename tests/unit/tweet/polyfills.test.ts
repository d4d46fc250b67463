import { expect, test } from "vitest";
import { linkifyText } from "../../../src/tweet/linkify.ts";

// core-js 2 keeps its state in this global; its patched methods pass for native ones otherwise.
const CORE_JS_STORE = "__core-js_shared__";

test("twitter-text runs on Node's own RegExp and String methods, not core-js 2 replacements", () => {
  expect(linkifyText("hi @jack")).toContain("https://x.com/jack");
  expect(Object.hasOwn(globalThis, CORE_JS_STORE)).toBe(false);
});
