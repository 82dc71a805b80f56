// GA4-export-shaped NDJSON with planted, undeclared drivers among many events that do nothing:
// a single event, a page-path value, a frequency threshold and a combination. Conversions come
// after the behaviour that drives them, so "converted within the window after" can see them.
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "../../../src/emulator/traffic/prng.js";

export const NOISE_EVENTS = Array.from({ length: 16 }, (_, i) => `noise_${i}`);
export const NOISE_PATHS = ["/blog/a", "/about", "/docs/x", "/careers"];

export function writePlantedTraffic(dir: string, seed: number, users = 4000): string {
  const r = mulberry32(seed);
  const start = Date.UTC(2024, 4, 1) * 1000; // µs
  const file = join(dir, `events_${seed}.json`);
  const fd = openSync(file, "w");
  // Written in slices: ten million lines are more than one string can hold.
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
    lines = [];
  };
  const push = (u: string, t: number, name: string, path?: string) => {
    const date = new Date(t / 1000).toISOString().slice(0, 10).replaceAll("-", "");
    const params = path
      ? [{ key: "page_location", value: { string_value: `https://shop.example${path}` } }]
      : [];
    if (lines.length >= 100_000) flush();
    lines.push(
      JSON.stringify({
        event_date: date,
        event_timestamp: t,
        event_name: name,
        user_pseudo_id: u,
        event_params: params,
      }),
    );
  };
  for (let i = 0; i < users; i++) {
    const u = `u${seed}_${i}`;
    const t0 = start + Math.floor(r() * 3 * 86_400e6);
    let t = t0;
    const at = () => {
      t += Math.floor(r() * 3_600e6);
      return t;
    };
    push(u, at(), "page_view", "/");
    let odds = 0.02;
    for (const e of NOISE_EVENTS)
      if (r() < 0.25) for (let k = 1 + Math.floor(r() * 3); k > 0; k--) push(u, at(), e);
    for (const p of NOISE_PATHS) if (r() < 0.3) push(u, at(), "page_view", p);
    if (r() < 0.15) {
      push(u, at(), "download_brochure");
      odds *= 4;
    }
    if (r() < 0.2) {
      push(u, at(), "page_view", "/pricing/plans");
      odds *= 3;
    }
    const reads = Math.floor(r() * 6);
    for (let k = 0; k < reads; k++) push(u, at(), "read_article");
    if (reads >= 3) odds *= 3.5;
    const video = r() < 0.35;
    const chat = r() < 0.35;
    if (video) push(u, at(), "watch_video");
    if (chat) push(u, at(), "open_chat");
    if (video && chat) odds *= 5;
    if (r() < Math.min(0.9, odds)) push(u, t + Math.floor((0.5 + r()) * 86_400e6), "purchase");
  }
  flush();
  closeSync(fd);
  return file;
}
