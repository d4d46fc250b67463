import { describe, expect, test } from "vitest";
import { AA_CONTRAST, SURFACES, accentColors, accentCss, contrastRatio } from "../../../src/site/accent.ts";

/** The README's example accents, and two extremes. */
const ACCENTS = ["#1d9bf0", "#e0245e", "#17bf63", "#794bc4", "#ffad1f", "#ffffff", "#000000"];

describe("the accent colour", () => {
  test("contrast ratios are WCAG 2's", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
  });

  test.each(ACCENTS)("%s reads at AA on every surface, light and dark", (accent) => {
    const colors = accentColors(accent);
    for (const theme of ["light", "dark"] as const)
      for (const surface of SURFACES[theme])
        expect(
          contrastRatio(colors[theme], surface),
          `${theme} ${colors[theme]} on ${surface}`,
        ).toBeGreaterThanOrEqual(AA_CONTRAST);
  });

  test("an accent that already reads is kept as given; a pale one is darkened for light, keeping its hue", () => {
    expect(accentColors("#0b5cad").light).toBe("#0b5cad");
    const { light } = accentColors("#ffad1f");
    expect(light).not.toBe("#ffad1f");
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(light.slice(i, i + 2), 16)) as [number, number, number];
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  test("the stylesheet's surfaces are the ones checked", async () => {
    const { readFile } = await import("node:fs/promises");
    const css = await readFile(new URL("../../../templates/assets/wall.css", import.meta.url), "utf8");
    const [light, dark] = css.split("prefers-color-scheme: dark");
    for (const [theme, part] of [
      ["light", light],
      ["dark", dark],
    ] as const) {
      expect(part).toContain(`--card: ${SURFACES[theme][0]}`);
      expect(part).toContain(`--bg: ${SURFACES[theme][1]}`);
    }
  });

  test("becomes the link colour in both themes, and nothing without one", () => {
    expect(accentCss(undefined)).toBe("");
    const { light, dark } = accentColors("#e0245e");
    expect(accentCss("#e0245e")).toBe(
      `:root{--link:${light}}@media(prefers-color-scheme:dark){:root{--link:${dark}}}`,
    );
  });
});
