// The report page's only style sheet, inline so the page is self-contained.
export const STYLE = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--crit:#8250df;--muted:#57606a;--line:#d0d7de;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
body{margin:0;background:#f6f8fa}
header{padding:16px 24px;color:#fff;background:var(--ok)}
header.failed{background:var(--bad)}
header h1{margin:0 0 4px;font-size:22px}
header .reasons{margin:4px 0;padding-left:20px}
header .meta,header .counts{margin:2px 0}
header .meta{color:rgba(255,255,255,.85)}
main{padding:8px 24px 32px;max-width:1200px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
h2{margin:0 0 8px;font-size:18px}
h3{margin:8px 0 4px;font-size:15px}
.meta,.none,.where{color:var(--muted);font-size:13px}
.timeline .row{display:flex;align-items:center;margin:4px 0}
.timeline .label{width:190px;flex:none;font-size:13px;font-family:ui-monospace,monospace}
.timeline .track,.timeline .axis{position:relative;flex:1;height:24px}
.timeline .track{background:repeating-linear-gradient(90deg,#f6f8fa 0 24.9%,var(--line) 25% 25.1%)}
.bar{position:absolute;top:3px;height:18px;border-radius:3px;background:var(--ok);overflow:hidden;min-width:3px}
.bar.failed{background:var(--bad)}
.bar.timedout{background:repeating-linear-gradient(45deg,var(--bad) 0 6px,#8c1d24 6px 12px)}
.bar.critical{outline:3px solid var(--crit);outline-offset:1px}
.bar .setup{position:absolute;left:0;top:0;bottom:0;background:rgba(255,255,255,.45)}
.bar .times{position:relative;padding:0 4px;font-size:11px;line-height:18px;color:#fff;white-space:nowrap}
.track .budget{position:absolute;top:0;bottom:0;width:2px;background:var(--warn);z-index:1}
.times.beside{position:absolute;top:3px;line-height:18px;font-size:11px;color:var(--muted);white-space:nowrap}
.axis span{position:absolute;transform:translateX(-50%);font-size:11px;color:var(--muted);white-space:nowrap}
.axis span:first-child{transform:none}.axis span:last-child{transform:translateX(-100%)}
.cp{font-size:10px;color:#fff;background:var(--crit);border-radius:3px;padding:0 3px}
.legend{font-size:13px}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin:0 4px 0 8px;border-radius:2px}
.swatch.critical{outline:3px solid var(--crit);background:var(--ok)}
.swatch.setup{background:#9fd3ac}
.swatch.budget-end{width:3px;background:var(--warn)}
table{border-collapse:collapse;font-size:13px}
td,th{border-bottom:1px solid var(--line);padding:4px 10px;text-align:right}
td:first-child,th:first-child,td.status,th:last-child{text-align:left}
td.status.passed{color:var(--ok)}td.status.failed,td.status.timedout{color:var(--bad);font-weight:600}
td.status.over{color:var(--warn)}td.status.not-run{color:var(--muted)}
article{border-left:4px solid var(--bad);padding:2px 12px;margin:10px 0;background:#fff8f8}
article.flaky{border-color:var(--warn);background:#fffbeb}
article.quarantined{border-color:#8250df;background:#fbf7ff}article.held{border-color:var(--line);background:#fff}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;border:1px solid var(--line);padding:8px;font-size:12px;max-height:420px;overflow:auto}
.attachments img{display:block;max-width:360px;max-height:220px;border:1px solid var(--line);margin:4px 0}
.meter{height:10px;background:#eaeef2;border-radius:5px;max-width:420px;overflow:hidden}
.meter span{display:block;height:100%;background:var(--ok)}
ul.cols{columns:2;font-size:13px}
.hits{font-size:12px;margin:2px 0 8px}
.hits li{margin:1px 0}
details.item summary{font-size:13px}
`;
