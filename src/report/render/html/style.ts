// The report's one stylesheet: desktop first (wide content, chart labels left of the whiskers),
// then phone (cards instead of wide tables, stacked chart), then print. System fonts only.
export const STYLE = `
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#e0e0e0;--sig:#2e7d32;--neg:#c62828;--ns:#1565c0;--few:#8a8a8a;--warn:#ef6c00}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--ink);background:#f5f6f7}
main{max-width:1240px;margin:0 auto;padding:20px 28px 40px;background:#fff;min-height:100vh}
h1{font-size:1.5rem;margin:.2em 0 .1em}h2{font-size:1.2rem;margin:1.6em 0 .5em;padding-top:.4em;border-top:1px solid var(--line)}
.caveats h2{border:0;margin:0 0 .3em;padding:0;font-size:1rem}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#37474f}
small{display:block;color:var(--muted);font-size:.78rem;line-height:1.3}
.meta{color:var(--muted);font-size:.9rem;margin:.2em 0}
.meta small{display:inline}
.caveats{background:#fff4e5;border:1px solid #ffcc80;border-left:5px solid var(--warn);border-radius:4px;padding:10px 14px;margin:14px 0}
.caveats ul{margin:0;padding-left:1.2em}.caveats li{margin:.15em 0}
.info{color:var(--muted);font-size:.85rem;margin:6px 0}
.muted{color:var(--muted)}
.summary{font-size:1.02rem;background:#f1f8e9;border-radius:4px;padding:8px 12px}
.howto{font-size:.88rem;color:#333}
.key{white-space:nowrap;margin-right:.8em;display:inline-block}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:3px;vertical-align:-1px;border:2px solid}
.dot.sig{background:var(--sig);border-color:var(--sig)}.dot.ns{border-color:var(--ns)}.dot.few{border-color:var(--few)}
figure{margin:10px 0}
.chart{width:100%;height:auto;display:block}
.forest.stacked{display:none}
.trend{max-width:640px}
.lbl{font:13px system-ui,sans-serif;fill:#222}.fig{font:600 13px system-ui,sans-serif;paint-order:stroke;stroke:#fff;stroke-width:3px}
.tick{font:12px system-ui,sans-serif;fill:#555}.tick.zero{font-weight:700;fill:#222}.axis{font:12px system-ui,sans-serif;fill:#555}
table{border-collapse:collapse;font-size:.88rem;width:100%;margin:8px 0}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:.8rem;color:var(--muted);font-weight:600;border-bottom:2px solid #ccc}
.num{text-align:right;white-space:nowrap}
.ranking td.title{min-width:16em}
.ranking td.verdict{min-width:11em}
.num small.zero{white-space:normal;min-width:9em}
.pair{font-weight:600}
.badge{display:inline-block;border-radius:3px;padding:1px 6px;font-size:.8rem;font-weight:600}
.badge.sig.up{background:#e8f5e9;color:var(--sig)}.badge.sig.down{background:#ffebee;color:var(--neg)}
.badge.ns{color:var(--muted)}.badge.few{background:#f3f3f3;color:#6d5a00}
.badge.nodata,.nodata{color:var(--neg);font-weight:600}.badge.hot{background:#fff3e0;color:#b34d00}
.funnel{list-style:none;padding:0;margin:8px 0}
.step-head{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap}
.bar{background:#eef2f6;border-radius:3px;height:22px;margin:3px 0 2px}
.bar span{display:block;height:100%;background:var(--ns);border-radius:3px;min-width:2px}
.step.nodata .bar span{background:var(--neg)}
.conv{color:var(--muted);font-size:.85rem;padding:2px 0 2px 14px;border-left:2px solid var(--line);margin-left:6px}
.conv small{display:inline}.conv.hot{color:#b34d00;border-left-color:var(--warn)}
.conv b{color:var(--ink)}
.scroll{overflow-x:auto}
footer{margin-top:2em;border-top:1px solid var(--line);padding-top:.5em}
@media (max-width:700px){
body{font-size:15px;background:#fff}
main{padding:12px}
h1{font-size:1.3rem}
.forest.wide{display:none}.forest.stacked{display:block}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{display:grid;grid-template-columns:1fr 1fr;gap:2px 12px;border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0 0 10px}
table.cards td{border:0;padding:2px 0;text-align:left;white-space:normal}
table.cards td::before{content:attr(data-label);display:block;font-size:.72rem;color:var(--muted)}
table.cards td.title,table.cards td.verdict{grid-column:1/-1}
table.cards td.title::before,table.cards td.verdict::before{display:none}
table.cards td.rank{grid-column:1/-1;font-weight:700;color:var(--muted);font-size:.8rem}
table.cards td.rank::before{content:"Rank ";display:inline;font-size:.8rem}
table.cards td.minor{display:none}
.ranking td.title{min-width:0}
.key{white-space:normal}
.trend .tick,.trend .lbl{font-size:16px}
}
@media print{
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0}
.forest.wide{display:block!important}.forest.stacked{display:none!important}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,figure,.step,.caveats{break-inside:avoid}
h2{break-after:avoid}
.scroll{overflow:visible}
}
`;
