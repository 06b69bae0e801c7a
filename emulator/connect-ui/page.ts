/** The Connect UI document: a modal dialog shell; the bundled script fills its body. */
export function connectUiPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Connect – Nango</title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  html, body { margin: 0; height: 100%; background: rgba(15, 23, 42, 0.45); }
  .overlay { display: flex; align-items: center; justify-content: center; height: 100%; }
  [role="dialog"] { position: relative; background: #fff; border-radius: 12px; width: min(420px, 92vw); padding: 28px; box-shadow: 0 20px 50px rgba(0,0,0,.25); text-align: center; }
  #close { position: absolute; top: 12px; right: 12px; border: 0; background: transparent; font-size: 20px; cursor: pointer; padding: 6px 10px; border-radius: 6px; }
  #close:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  h1 { font-size: 1.35rem; margin: 12px 0 8px; }
  p { color: #334155; line-height: 1.5; }
  [role="alert"] { color: #b91c1c; }
  .badge { display: inline-block; background: #eef2ff; color: #3730a3; border-radius: 999px; padding: 2px 10px; font-size: .85rem; }
  #dialog-body > button { margin-top: 16px; width: 100%; padding: 12px; font-size: 1rem; border-radius: 8px; border: 0; background: #111827; color: #fff; cursor: pointer; }
  #dialog-body > button[disabled] { opacity: .6; cursor: progress; }
  .footer { margin-top: 20px; font-size: .75rem; color: #64748b; }
</style>
</head>
<body>
<div class="overlay">
  <div role="dialog" aria-modal="true" aria-labelledby="dialog-title">
    <span id="dialog-title" hidden>Connect an integration</span>
    <button id="close" type="button" aria-label="Close">×</button>
    <main id="dialog-body"></main>
    <p class="footer">Secured by Nango (offline emulator)</p>
  </div>
</div>
<script src="./connect-ui.js"></script>
</body>
</html>`;
}
