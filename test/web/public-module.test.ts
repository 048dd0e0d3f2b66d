import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The dashboard talks to the engine through one public module (issue 11, item 10).
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("web/", () => {
  it("imports the engine, the playbook language and the scenarios only through sim/index.ts", () => {
    const strays: string[] = [];
    for (const file of files("web")) {
      const text = readFileSync(file, "utf8");
      for (const [, path] of text.matchAll(/from "((?:\.\.\/)+[^"]+)"/g)) {
        const target = relative(".", join(file, "..", path));
        if (!target.startsWith("web") && target !== join("sim", "index.ts"))
          strays.push(`${file}: ${path}`);
      }
    }
    expect(strays).toEqual([]);
    expect(files("web").length).toBeGreaterThan(20);
  });
});
