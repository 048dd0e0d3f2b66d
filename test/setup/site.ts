import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { build } from "vite";

/** Debian's chromium, as the end-to-end tests and the browser bench drive it. */
export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Where the end-to-end tests and the browser bench serve the site: a folder of a bigger site. */
export const SUB_PATH = "/lab/retention/";

/** `npm run build`'s site, written to `outDir` instead of dist/. */
export async function buildSite(outDir: string): Promise<void> {
  await build({
    configFile: resolve("vite.config.ts"),
    logLevel: "warn",
    build: { outDir: resolve(outDir), emptyOutDir: true },
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

export type Site = { url: string; close: () => Promise<void> };

/**
 * A plain static host, as any would serve the folder: files under `prefix`, a folder's index.html,
 * 404 for everything else (the site root included), no rewriting and no special headers.
 */
export async function serveSite(dir: string, prefix = SUB_PATH): Promise<Site> {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname);
    const inside = path.startsWith(prefix) ? normalize(join(root, path.slice(prefix.length))) : "";
    let file = inside === root || inside.startsWith(root + sep) ? inside : "";
    if (file && (await stat(file).catch(() => null))?.isDirectory())
      file = join(file, "index.html");
    const found = file ? await stat(file).catch(() => null) : null;
    if (!found?.isFile() || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": found.size,
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
