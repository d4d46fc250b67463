import { describe, expect, test } from "vitest";
import { syndicationToken } from "../../../../src/import/fetch/syndication.ts";

describe("syndicationToken", () => {
  test("is the id over 10¹⁵ times π in base 36, without its point and zeros", () => {
    // 1599152286672248832 / 1e15 * π = 5023.8…, which is 3vj.vv23fxse… in base 36.
    expect(syndicationToken("1599152286672248832")).toBe("3vjvv23fxse");
    expect(syndicationToken("1635573199926198273")).not.toMatch(/[.0]/);
  });
});
