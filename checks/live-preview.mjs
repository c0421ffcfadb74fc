// The live preview in a real browser: starts `bulletin preview --serve --port 0` in a copy of the sample
// workspace, opens its page in headless Chromium, changes a news item's title on disk and waits for the
// page to show it without being reloaded; then breaks a news file (the page must name file and line)
// and fixes it (the bulletin must come back). Leaves a screenshot in OUT/live-preview.png.
//
// Usage: node checks/live-preview.mjs OUT. Needs Node 18+ and Debian's chromium, nothing from npm:
// Chromium is driven with the DevTools protocol over a pipe (--remote-debugging-pipe: JSON messages
// ended by a NUL byte on file descriptors 3 and 4), so no WebSocket client is needed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const project = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const out = path.resolve(process.argv[2] || path.join(project, "out/checks"));
const NEW_TITLE = "Titre changé pendant que la page est ouverte";
const WAIT_MS = 3000;  // the issue asks for "about a second"; the margin is for a loaded machine

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "bulletin-live-"));
for (const part of ["bulletin.properties", "news", "templates", "recipients"]) {
  fs.cpSync(path.join(project, part), path.join(workspace, part), { recursive: true });
}
const item = path.join(workspace, "news/2022-08-20-kangaba.md");
const broken = path.join(workspace, "news/2022-08-30-bamako.md");

const children = [];
function stopAll() {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill("SIGKILL");
    }
  }
}
process.on("exit", () => {
  stopAll();
  fs.rmSync(workspace, { recursive: true, force: true });
});
setTimeout(() => fail("gave up after 90 s"), 90_000).unref();

function fail(why) {
  console.error(`live preview: ${why}`);
  process.exit(1);
}

// 1. The server. No DISPLAY: it must not try to open a browser of its own.
const env = { ...process.env };
delete env.DISPLAY;
delete env.WAYLAND_DISPLAY;
const server = spawn(path.join(project, "bulletin"), ["--workspace", workspace, "preview", "--serve", "--port", "0"],
  { env, stdio: ["ignore", "pipe", "pipe"] });
children.push(server);
let serverErr = "";
server.stderr.on("data", chunk => { serverErr += chunk; });
const address = await new Promise((resolve, reject) => {
  let text = "";
  server.stdout.on("data", chunk => {
    text += chunk;
    if (text.includes("\n")) {
      resolve(text.split("\n")[0].trim());
    }
  });
  server.on("exit", code => reject(new Error(`bulletin preview --serve ended (${code}): ${serverErr}`)));
}).catch(e => fail(e.message));
if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(address)) {
  fail(`unexpected address ${address}`);
}

// 2. Chromium, driven over the pipe.
const chromium = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
  `--user-data-dir=${fs.mkdtempSync(path.join(os.tmpdir(), "bulletin-chromium-"))}`, "--window-size=1440,1000",
  "--remote-debugging-pipe", "about:blank"], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
children.push(chromium);
chromium.stderr.on("data", chunk => fs.appendFileSync(path.join(out, "chromium.log"), chunk));
let received = "";
let nextId = 0;
const pending = new Map();
chromium.stdio[4].on("data", chunk => {
  received += chunk.toString("utf8");
  for (let end = received.indexOf("\0"); end >= 0; end = received.indexOf("\0")) {
    const message = JSON.parse(received.slice(0, end));
    received = received.slice(end + 1);
    if (pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  }
});
function send(method, params = {}, sessionId) {
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, message => message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result));
    chromium.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
  });
}

const { targetId } = await send("Target.createTarget", { url: address });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
async function evaluate(expression) {
  const answer = await send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
  return answer.exceptionDetails ? undefined : answer.result.value;
}
async function waitFor(what, expression, ms) {
  const start = Date.now();
  for (;;) {
    const value = await evaluate(expression);
    if (value) {
      return Date.now() - start;
    }
    if (Date.now() - start > ms) {
      fail(`${what}: not seen within ${ms} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
// What the 600 px frame shows (textContent: the template may set titles in capitals with CSS), the header.
const frameText = `(document.querySelector("iframe.bulletin")?.contentDocument?.body?.textContent || "")`;
const header = `(document.getElementById("top")?.textContent || "")`;

await waitFor("the page with the bulletin", `${frameText}.includes("Kangaba")`, 20_000);
const loads = await evaluate("performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin");

// 3. A new title, on disk.
fs.writeFileSync(item, fs.readFileSync(item, "utf8").replace(/^title: .*$/m, `title: ${NEW_TITLE}`));
const shown = await waitFor("the new title in the page", `${frameText}.includes(${JSON.stringify(NEW_TITLE)})`, WAIT_MS);
if (await evaluate("performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin") !== loads) {
  fail("the page was reloaded: it should have changed in place");
}
console.log(`Live preview: the new title was in the page ${shown} ms after the file was saved`);
const shot = await send("Page.captureScreenshot", { format: "png" }, sessionId);
fs.writeFileSync(path.join(out, "live-preview.png"), Buffer.from(shot.data, "base64"));

// 4. A broken news file is named with its line in the page; fixed, the bulletin comes back.
fs.writeFileSync(broken, "---\ntitle: Bamako\nplace: Bamako\ndate: 2022-08-32\n---\nTexte\n");
await waitFor("the error with file and line", `${header}.includes("news/2022-08-30-bamako.md:4:")`, WAIT_MS);
fs.rmSync(broken);
await waitFor("the bulletin after the fix",
  `!document.querySelector("#top .error") && ${frameText}.includes(${JSON.stringify(NEW_TITLE)})`, WAIT_MS);
console.log("Live preview: a broken news file was shown with its line, and the page recovered once it was fixed");

// 5. Ctrl-C stops the server.
await send("Browser.close").catch(() => {});
server.kill("SIGINT");
const code = await new Promise(resolve => server.on("exit", (status, signal) => resolve(status ?? signal)));
if (!serverErr.includes("stopped") && !serverErr.includes("arrêté")) {
  fail(`the server did not say it stopped (exit ${code}): ${serverErr}`);
}
console.log(`Live preview: Ctrl-C stopped the server (exit ${code})`);
process.exit(0);
