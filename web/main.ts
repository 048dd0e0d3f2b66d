// The dashboard's entry: defining the page element renders it.
import "./components/rl-dashboard.ts";
import { workersAllowed } from "./engine/browser-pool.ts";
import { t } from "./i18n.ts";

// Opened from a file, where the browser refuses Web Workers (Chromium does): the engine runs in the
// page itself, and a note above the dashboard says so and how to get workers back.
if (!workersAllowed) {
  const note = document.createElement("p");
  note.id = "file-note";
  note.setAttribute("role", "note");
  note.style.cssText =
    "margin:0;padding:0.6rem 1.5rem;background:#fff4d6;border-bottom:1px solid #e0c46c;font:15px/1.4 system-ui,sans-serif;color:#3d3200";
  const say = () => {
    note.textContent = t(
      "Opened from a file: this browser does not start Web Workers for file:// pages, so the engine runs in the page itself — runs take longer and the page pauses while one runs. For the full speed, serve this folder over HTTP, e.g. with python3 -m http.server in it (or npx vite preview in the project), and open the address it prints.",
      "以文件方式打开：浏览器不允许 file:// 页面启动 Web Worker，因此引擎在页面内运行——运行更慢，运行期间页面会暂停响应。要获得完整速度，请通过 HTTP 提供此文件夹，例如在其中运行 python3 -m http.server（或在项目中运行 npx vite preview），然后打开它显示的地址。",
    );
  };
  say();
  addEventListener("rl-lang", say);
  document.body.prepend(note);
}
