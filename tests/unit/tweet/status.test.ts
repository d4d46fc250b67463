import { describe, expect, test } from "vitest";
import { dateOfStatusId, handleOfStatusUrl, statusIdOf } from "../../../src/tweet/status.ts";

describe("status ids", () => {
  test("are read from status URLs on any host form", () => {
    expect(statusIdOf("https://x.com/karpathy/status/1599152286672248832")).toBe("1599152286672248832");
    expect(statusIdOf("https://twitter.com/karpathy/statuses/20?s=20")).toBe("20");
    expect(statusIdOf("https://x.com/karpathy")).toBeUndefined();
    // The same shape off X is no tweet: its id tells neither the tweet nor its date.
    expect(statusIdOf("https://mastodon.social/users/alice/statuses/113500000000000000")).toBeUndefined();
    expect(statusIdOf("https://example.com/a/status/2")).toBeUndefined();
    expect(statusIdOf(undefined)).toBeUndefined();
  });

  test.each([
    ["https://x.com/sama/status/1599152286672248832", "sama"],
    ["https://twitter.com/Jack_Dorsey/statuses/20", "Jack_Dorsey"],
    ["https://mobile.twitter.com/karpathy/status/1/photo/1", "karpathy"],
    ["https://x.com/i/status/1599152286672248832", undefined],
    ["https://x.com/i/web/status/1599152286672248832", undefined],
    ["https://x.com/this_handle_is_too_long/status/1", undefined],
    ["https://x.com/sama", undefined],
    ["https://mastodon.social/users/alice/statuses/113500000000000000", undefined],
  ])("%s names the account %s", (url, handle) => {
    expect(handleOfStatusUrl(url)).toBe(handle);
  });

  test("carry the posting time in their snowflake bits", () => {
    // The seed's first tweet: "— Andrej Karpathy (@karpathy) December 3, 2022".
    expect(dateOfStatusId("1599152286672248832")).toBe("2022-12-03T21:23:10Z");
    expect(dateOfStatusId("1358236154839257089")).toBe("2021-02-07T02:08:28Z");
  });

  test("from before snowflakes (2010) carry no time", () => {
    expect(dateOfStatusId("20")).toBeUndefined();
    expect(dateOfStatusId("not-a-number")).toBeUndefined();
  });
});
