// Can the bulletin be read where it lands? Debian's Chromium, driven through the DevTools protocol
// (playwright-core), opens each HTML file at 600 px and checks:
//
// - Outlook for Windows (Word's engine): every cell that holds text sets its font inline (else Times
//   New Roman); no div carries padding or a border (ignored there); every max-width has a fallback
//   (an <img> width attribute, or a <!--[if mso]> table of fixed width just before the table);
// - every link is in the brand colour (light mode);
// - the colour scheme it declares is true: "dark" in <meta name="color-scheme"> only with a
//   @media (prefers-color-scheme: dark) rule that really darkens what holds text, and the reverse;
// - contrast (WCAG 2 ratio, 4.5:1 for body text, 3:1 for large text) of every visible text against
//   its effective background, in three modes: light; prefers-color-scheme: dark (Apple Mail);
//   light with html { filter: invert(1) hue-rotate(180deg) } (the full inversion of Gmail's apps).
//   Light and dark use computed styles (walking up for the background); under the filter, the
//   colours are read from a screenshot: each colour involved is painted as a swatch under the same
//   filter and sampled, so no model of the filter is assumed.
//
//   node checks/html/readability.mjs OUTDIR FILE.html...
//
// Screenshots: OUTDIR/NAME-MODE.png, NAME the file's path under OUTDIR without .html, / made -.
import { chromium } from 'playwright-core';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const BRAND = 'rgb(29, 79, 124)'; // #1d4f7c, IMRAP's blue
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--force-color-profile=srgb', '--hide-scrollbars'];
const INVERSION = 'html { filter: invert(1) hue-rotate(180deg) !important; }';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node readability.mjs OUTDIR FILE.html...');
  process.exit(64);
}

function parseRgb(text) {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(text);
  if (!m) throw new Error(`unexpected colour ${text}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG 2 relative luminance of an sRGB colour given as [r, g, b] in 0..255. */
function luminance([r, g, b]) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Runs in the page: every visible element with text of its own, its colours and type size. */
function textElements() {
  const parse = (text) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(text);
    return m ? { rgb: [+m[1], +m[2], +m[3]], alpha: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const probe = document.createElement('div');
  probe.style.backgroundColor = 'Canvas';
  document.documentElement.appendChild(probe);
  const canvas = parse(getComputedStyle(probe).backgroundColor).rgb;
  probe.remove();
  /** The colour behind an element: its own and its ancestors' backgrounds, blended over the canvas. */
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.alpha > 0) {
        layers.push(c);
        if (c.alpha === 1) break;
      }
    }
    let rgb = canvas;
    for (const layer of layers.reverse()) rgb = rgb.map((v, i) => v * (1 - layer.alpha) + layer.rgb[i] * layer.alpha);
    return rgb.map(Math.round);
  };
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const own = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    if (own === '') continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    out.push({
      what: `<${element.tagName.toLowerCase()}> "${own.replace(/\s+/g, ' ').slice(0, 40)}"`,
      color: parse(style.color).rgb,
      background: background(element),
      fontSize: parseFloat(style.fontSize),
      bold: Number(style.fontWeight) >= 700,
    });
  }
  return out;
}

/** Runs in the page: what Word's engine needs (see the header of this file). */
function outlookRules(brand) {
  const problems = [];
  const describe = (e) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}> "${e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  for (const element of document.body.querySelectorAll('*')) {
    const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    if (ownText && element.getClientRects().length > 0) {
      const cell = element.closest('td');
      if (!cell) problems.push(`text outside any table cell: ${describe(element)}`);
      else if (cell.style.fontFamily === '') problems.push(`the cell around ${describe(element)} sets no font-family`);
    }
    if (element.tagName === 'DIV' && element.getClientRects().length > 0) {
      for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
        if (parseFloat(element.style[`padding${side}`]) > 0) problems.push(`div padding (ignored by Outlook): ${describe(element)}`);
        if (element.style[`border${side}Style`] && element.style[`border${side}Style`] !== 'none') problems.push(`div border (ignored by Outlook): ${describe(element)}`);
      }
    }
    if (element.style.maxWidth !== '' && element.getClientRects().length > 0) {
      let fallback = false;
      if (element.tagName === 'IMG') fallback = /^\d+$/.test(element.getAttribute('width') ?? '');
      if (element.tagName === 'TABLE') {
        let before = element.previousSibling;
        while (before && before.nodeType === Node.TEXT_NODE && before.textContent.trim() === '') before = before.previousSibling;
        fallback = before?.nodeType === Node.COMMENT_NODE && /^\[if mso\]>\s*<table\b[^>]*\bwidth="\d+"/.test(before.textContent);
      }
      if (!fallback) problems.push(`max-width without a fallback for Outlook: ${describe(element)}`);
    }
    if (element.tagName === 'IMG' && !/^\d+$/.test(element.getAttribute('width') ?? '')) {
      problems.push(`image without a width attribute in pixels: ${element.getAttribute('src')}`);
    }
    if (element.tagName === 'A' && getComputedStyle(element).color !== brand) {
      problems.push(`link not in the brand colour ${brand} but ${getComputedStyle(element).color}: ${describe(element)}`);
    }
  }
  return problems;
}

/** Runs in the page: the declared schemes, and whether a dark-scheme rule exists. */
function declaredSchemes() {
  const meta = document.querySelector('meta[name="color-scheme"]')?.content ?? '';
  let darkRule = false;
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText)) darkRule = true;
      else if (rule.cssRules) walk(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  return { meta, darkRule };
}

/** Paints each colour as a swatch at the top of the page (under the page's filter) and reads it back. */
async function renderedColours(page, browser, colours) {
  const keys = [...new Set(colours.map((c) => c.join(',')))];
  await page.evaluate((keys) => {
    const box = document.createElement('div');
    box.id = 'readability-swatches';
    box.style.cssText = 'position:fixed;left:0;top:0;z-index:2147483647;display:flex;flex-wrap:wrap;width:600px;';
    for (const key of keys) {
      const swatch = document.createElement('div');
      swatch.style.cssText = `width:20px;height:20px;background-color:rgb(${key});`;
      box.appendChild(swatch);
    }
    document.body.appendChild(box);
  }, keys);
  const png = await page.screenshot({ type: 'png' });
  await page.evaluate(() => document.getElementById('readability-swatches').remove());
  const reader = await browser.newPage();
  const samples = await reader.evaluate(async ({ data, count }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d', { colorSpace: 'srgb' });
    context.drawImage(image, 0, 0);
    const perRow = 30;
    return Array.from({ length: count }, (_, i) => [...context.getImageData((i % perRow) * 20 + 10, Math.floor(i / perRow) * 20 + 10, 1, 1).data.slice(0, 3)]);
  }, { data: png.toString('base64'), count: keys.length });
  await reader.close();
  return new Map(keys.map((key, i) => [key, samples[i]]));
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
let failures = 0;
const fail = (message) => {
  console.log(`  FAIL: ${message}`);
  failures++;
};
try {
  for (const file of files) {
    const name = relative(outDir, file).replace(/\.html$/, '').replace(/[\/]/g, '-');
    const page = await browser.newPage({ viewport: { width: 600, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href);
    const declared = await page.evaluate(declaredSchemes);
    console.log(`readability: ${file}: declares color-scheme "${declared.meta}"${declared.darkRule ? ', has a prefers-color-scheme: dark rule' : ''}`);
    for (const problem of await page.evaluate(outlookRules, BRAND)) fail(problem);

    for (const mode of ['light', 'dark', 'inverted']) {
      await page.emulateMedia({ colorScheme: mode === 'dark' ? 'dark' : 'light' });
      if (mode === 'inverted') await page.addStyleTag({ content: INVERSION });
      const texts = await page.evaluate(textElements);
      await page.screenshot({ path: `${outDir}/${name}-${mode}.png`, fullPage: true });
      let seen = texts;
      if (mode === 'inverted') {
        const rendered = await renderedColours(page, browser, texts.flatMap((t) => [t.color, t.background]));
        seen = texts.map((t) => ({ ...t, color: rendered.get(t.color.join(',')), background: rendered.get(t.background.join(',')) }));
      }
      let worst = null;
      let below = 0;
      for (const text of seen) {
        const large = text.fontSize >= 24 || (text.bold && text.fontSize >= 18.66);
        const ratio = contrast(text.color, text.background);
        const needed = large ? 3 : 4.5;
        if (!worst || ratio / needed < worst.ratio / worst.needed) worst = { ...text, ratio, needed };
        if (ratio < needed) {
          below++;
          fail(`${mode}: contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for ${text.what} (rgb(${text.color}) on rgb(${text.background}))`);
        }
      }
      const lowest = worst ? `${worst.ratio.toFixed(2)}:1 (needs ${worst.needed}:1) for ${worst.what}` : 'no text';
      console.log(`  ${mode}: ${seen.length} texts, ${below} below the minimum; lowest ${lowest} → ${outDir}/${name}-${mode}.png`);
      if (mode === 'dark') {
        const light = texts.filter((t) => luminance(t.background) > 0.2);
        const adapts = light.length === 0;
        if (declared.meta.includes('dark') && !(declared.darkRule && adapts)) {
          fail(`declares dark support but ${declared.darkRule ? `${light.length} texts keep a light background in dark mode (first: ${light[0].what})` : 'has no prefers-color-scheme: dark rule'}`);
        }
        if (!declared.meta.includes('dark') && declared.darkRule) fail('has a prefers-color-scheme: dark rule but does not declare "dark" in <meta name="color-scheme">');
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures > 0 ? 1 : 0);
