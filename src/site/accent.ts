/**
 * The curator's accent colour (`accent` in site.json) as the stylesheet's link colour, light and
 * dark. A colour as given is often too pale on white (#ffad1f) or too dark on the dark theme
 * (#794bc4): each variant keeps its hue and is darkened or lightened just enough to read at
 * WCAG AA (4.5:1) on every surface it sits on, text on cards and the page, and card-coloured
 * text on it (the current page's button). Surfaces: the stylesheet's --card and --bg.
 */

/** The surfaces of templates/assets/wall.css, light and dark. */
export const SURFACES = {
  light: ["#ffffff", "#eef1f4"],
  dark: ["#1a232d", "#10171e"],
} as const;

export const AA_CONTRAST = 4.5;

/** The rules that put `accent` in place of the stylesheet's own link colour; empty without one. */
export function accentCss(accent: string | undefined): string {
  if (!accent) return "";
  const { light, dark } = accentColors(accent);
  return `:root{--link:${light}}@media(prefers-color-scheme:dark){:root{--link:${dark}}}`;
}

/** The accent for the light and the dark theme, each at AA on that theme's surfaces. */
export function accentColors(accent: string): { light: string; dark: string } {
  return {
    light: readableOn(accent, SURFACES.light, 0),
    dark: readableOn(accent, SURFACES.dark, 1),
  };
}

/**
 * `color` mixed toward `toward` (0 black, 1 white) in small steps until it reaches AA against
 * every surface; unchanged when it already does.
 */
function readableOn(color: string, surfaces: readonly string[], toward: 0 | 1): string {
  const rgb = channels(color);
  for (let step = 0; step <= 20; step++) {
    const mixed = rgb.map((channel) => Math.round(channel + (toward * 255 - channel) * (step / 20)));
    const hex = `#${mixed.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
    if (surfaces.every((surface) => contrastRatio(hex, surface) >= AA_CONTRAST)) return hex;
  }
  return toward ? "#ffffff" : "#000000";
}

/** WCAG 2's contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance(color: string): number {
  const [r, g, b] = channels(color).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function channels(color: string): number[] {
  return [1, 3, 5].map((start) => parseInt(color.slice(start, start + 2), 16));
}
