// bulletin preview --serve: keeps the page in step with the workspace. Every POLL_MS ms it asks the
// server for the workspace's version; when that moved, it fetches this page again, swaps in its new
// header (subject, size, warnings or the error) and points each frame at the new version, keeping the
// place the reader had scrolled to. When the server has stopped, it says so.
"use strict";
(() => {
  const stopped = document.getElementById("stopped");

  function fit(frame) {
    try {
      frame.style.height = Math.max(200, frame.contentDocument.documentElement.scrollHeight) + "px";
    } catch (e) {
      // Not readable (yet): keep the height it has.
    }
  }

  function wireMenu() {
    const select = document.querySelector("select[name=to]");
    if (select) {
      select.addEventListener("change", () => select.form.submit());
    }
  }

  document.querySelectorAll("iframe").forEach(frame => {
    frame.addEventListener("load", () => fit(frame));
    fit(frame);
  });
  wireMenu();

  let busy = false;
  async function look() {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const version = (await (await fetch("/version", {cache: "no-store"})).text()).trim();
      stopped.hidden = true;
      if (version !== document.body.dataset.version) {
        const answer = await fetch(location.href, {cache: "no-store"});
        const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
        document.getElementById("top").replaceWith(document.adoptNode(fresh.getElementById("top")));
        document.title = fresh.title;
        document.body.dataset.version = fresh.body.dataset.version;
        const frames = document.querySelectorAll("iframe");
        fresh.querySelectorAll("iframe").forEach((next, i) => {
          if (frames[i] && frames[i].getAttribute("src") !== next.getAttribute("src")) {
            frames[i].setAttribute("src", next.getAttribute("src"));
          }
        });
        wireMenu();
      }
    } catch (e) {
      stopped.hidden = false;
    } finally {
      busy = false;
    }
  }
  setInterval(look, POLL_MS);
})();
