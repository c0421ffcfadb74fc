// The bulletin's HTML against caniemail.com's data (the copy inside @jsx-email/doiuse-email), for
// the mail clients IMRAP's readers use. Fails on any feature the data marks unsupported in one of
// them, unless caniemail-exceptions.txt lists it with why the bulletin still reads well there.
//
//   node checks/html/caniemail.mjs REPORT FILE.html...
//
// doiuse-email checks the elements, attributes and inline styles, and the rules at the top level of
// each <style>; it does not look inside @media, nor at the media feature, the color-scheme meta tag or
// the <style> element itself. This script checks those too, with the same data. It also checks what
// Outlook for Windows alone sees: the HTML with the <!--[if mso]> blocks opened.
import { DoIUseEmail } from '@jsx-email/doiuse-email';
import { parse as parseCss } from '@adobe/css-tools';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENTS = [
  'outlook.windows',
  'gmail.desktop-webmail',
  'gmail.mobile-webmail',
  'gmail.android',
  'gmail.ios',
  'apple-mail.macos',
  'apple-mail.ios',
];
const here = dirname(fileURLToPath(import.meta.url));
const EXCEPTIONS_FILE = join(here, 'caniemail-exceptions.txt');

/** `feature | clients glob | why` lines; # starts a comment. */
function readExceptions() {
  const exceptions = [];
  readFileSync(EXCEPTIONS_FILE, 'utf8').split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const parts = line.split('|').map((part) => part.trim());
    if (parts.length !== 3 || parts.some((part) => part === '')) {
      throw new Error(`${EXCEPTIONS_FILE}:${index + 1}: expected "feature | clients | why", got: ${line}`);
    }
    const [feature, clients, why] = parts;
    const pattern = new RegExp(`^${clients.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    exceptions.push({ feature, clients, pattern, why, line: index + 1, used: false });
  });
  return exceptions;
}

/** Outlook for Windows' view: <!--[if mso]>…<![endif]--> opened, <!--[if !mso]><!-->…<!--<![endif]--> dropped. */
function outlookView(html) {
  return html
    .replace(/<!--\[if !mso\]><!-->[\s\S]*?<!--<!\[endif\]-->/g, '')
    .replace(/<!--\[if [^\]]*mso[^\]]*\]>([\s\S]*?)<!\[endif\]-->/g, '$1');
}

/** What doiuse-email leaves out: the <style> element, @media contents and features, color-scheme. */
function checkTheRest(checker, html) {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => match[1]);
  if (styles.length > 0) checker.checkFeaturesSupport('<style> element');
  if (/<meta\s[^>]*name=["']color-scheme["']/i.test(html)) checker.checkFeaturesSupport('color-scheme meta tag');
  if (/!important/i.test(html)) checker.checkFeaturesSupport('!important keyword');
  const walk = (rules) => {
    for (const rule of rules ?? []) {
      if (rule.type === 'media') {
        if (/prefers-color-scheme/.test(rule.media)) checker.checkFeaturesSupport('@media (prefers-color-scheme)');
        walk(rule.rules);
      } else if (rule.type === 'rule') {
        const declarations = (rule.declarations ?? []).filter((d) => d.type === 'declaration');
        if (declarations.some((d) => d.property === 'color-scheme')) checker.checkFeaturesSupport('color-scheme CSS property');
        checker.checkCSSDeclarations(declarations.map((d) => ({ property: d.property, value: d.value })));
        checker.checkCSSSelectors(rule.selectors ?? []);
      }
    }
  };
  // Top-level rules were checked by doiuse-email already; this adds what sits inside @media.
  for (const css of styles) {
    const sheet = parseCss(css);
    for (const rule of sheet.stylesheet.rules) {
      if (rule.type === 'media') walk([rule]);
      else if (rule.type === 'rule' && rule.declarations?.some((d) => d.property === 'color-scheme')) {
        checker.checkFeaturesSupport('color-scheme CSS property');
      }
    }
  }
}

function findings(html, clients) {
  const checker = new DoIUseEmail({ emailClients: clients });
  checker.check(html);
  checkTheRest(checker, html);
  const unique = (list) => [...new Set(list)];
  return { errors: unique(checker.errors), warnings: unique(checker.warnings), notes: unique(checker.notes) };
}

const [reportFile, ...files] = process.argv.slice(2);
if (!reportFile || files.length === 0) {
  console.error('usage: node caniemail.mjs REPORT FILE.html...');
  process.exit(64);
}
const exceptions = readExceptions();
const report = [];
let unexcused = 0;
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  const all = findings(html, CLIENTS);
  const outlook = findings(outlookView(html), ['outlook.windows']);
  const errors = [...new Set([...all.errors, ...outlook.errors])];
  const warnings = [...new Set([...all.warnings, ...outlook.warnings])];
  const excused = [];
  const failed = [];
  for (const error of errors) {
    const match = /^`(.+)` is not supported by `(.+)`$/.exec(error);
    const exception = match && exceptions.find((e) => e.feature === match[1] && e.pattern.test(match[2]));
    if (exception) {
      exception.used = true;
      excused.push(`${error} (excused: ${EXCEPTIONS_FILE.replace(/.*\/checks\//, 'checks/')}:${exception.line})`);
    } else {
      failed.push(error);
    }
  }
  unexcused += failed.length;
  console.log(`caniemail: ${file}: ${failed.length} unsupported, ${excused.length} excused, ${warnings.length} partial`);
  for (const error of failed) console.log(`  unsupported: ${error}`);
  report.push(`# ${file}`, '', '## Unsupported, not excused', ...failed, '', '## Unsupported, excused', ...excused,
    '', '## Partial support', ...warnings, '', '## Notes', ...new Set([...all.notes, ...outlook.notes]), '');
}
for (const exception of exceptions.filter((e) => !e.used)) {
  console.log(`caniemail: note: the exception at line ${exception.line} (${exception.feature} | ${exception.clients}) matched nothing`);
}
writeFileSync(reportFile, report.join('\n'));
process.exit(unexcused > 0 ? 1 : 0);
