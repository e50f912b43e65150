/**
 * The overlay's whole stylesheet. It lives inside the shadow root, so page CSS cannot reach
 * it and it cannot leak out. Sizes are in px (never rem/em, which follow the page's root
 * font size) and every box sets the properties it relies on instead of inheriting them.
 */
export const OVERLAY_CSS = `
:host { all: initial !important; }
.root, .root * { box-sizing: border-box; margin: 0; padding: 0; border: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 13px; line-height: 18px; font-weight: 400; letter-spacing: 0; text-transform: none; text-align: left; color: #1d2433; text-shadow: none; }
.root { position: fixed; top: 0; left: 0; width: 0; height: 0; overflow: visible; pointer-events: none; }
.box { position: fixed; pointer-events: none; border-radius: 2px; }
.hover { outline: 2px solid #2563eb; background: rgba(37, 99, 235, 0.12); }
.match { outline: 2px solid #16a34a; background: rgba(22, 163, 74, 0.10); }
.match.primary { outline: 3px solid #15803d; }
.highlight { outline: 2px dashed #c026d3; background: rgba(192, 38, 211, 0.10); }
.label { position: fixed; pointer-events: none; height: 20px; max-width: 320px; padding: 1px 6px; border-radius: 3px; background: #1e3a8a; color: #ffffff; font-size: 12px; line-height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.banner { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); pointer-events: none; display: flex; gap: 8px; align-items: center; padding: 6px 8px 6px 12px; border-radius: 8px; background: #111827; color: #ffffff; box-shadow: 0 4px 16px rgba(0,0,0,0.3); white-space: nowrap; }
.banner span { color: #ffffff; }
.banner button { pointer-events: auto; }
.banner.low { top: auto; bottom: 12px; }
.banner.error { background: #991b1b; }
.banner.frozen { top: auto; bottom: 12px; left: 16px; transform: none; background: #1e3a8a; }
.card { position: fixed; right: 16px; bottom: 16px; width: 360px; pointer-events: auto; padding: 12px; border-radius: 10px; background: #ffffff; border: 1px solid #d0d5dd; box-shadow: 0 8px 28px rgba(0,0,0,0.25); display: flex; flex-direction: column; gap: 8px; }
.card h2 { font-size: 14px; line-height: 20px; font-weight: 600; }
.count { font-weight: 600; color: #15803d; }
.count.none { color: #b42318; }
.scope { display: flex; gap: 12px; }
.scope label { display: flex; gap: 4px; align-items: center; cursor: pointer; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field input { width: 100%; height: 30px; padding: 4px 8px; border: 1px solid #98a2b3; border-radius: 6px; background: #ffffff; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.field input[aria-invalid="true"] { border-color: #b42318; outline-color: #b42318; }
.error { color: #b42318; font-size: 12px; }
.why { color: #475467; font-size: 12px; line-height: 16px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { height: 28px; padding: 0 10px; border-radius: 6px; border: 1px solid #98a2b3; background: #ffffff; color: #1d2433; cursor: pointer; font-size: 13px; }
button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #ffffff; }
.banner button { background: #374151; border-color: #4b5563; color: #ffffff; }
button:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
input[type="radio"] { width: 14px; height: 14px; margin: 0; appearance: auto; }
`;
