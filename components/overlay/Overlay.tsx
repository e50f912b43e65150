import { useEffect, useState } from 'preact/hooks';
import type { PickerController, PickerState } from '../../lib/picker/controller';
import { isBannerInTheWay, labelPosition, type Box } from '../../lib/picker/geometry';

/** Props of the picker overlay. */
export interface OverlayProps {
  controller: PickerController;
  /** Viewport size source (the page's window). */
  win: Window;
}

function boxStyle(box: Box) {
  return { left: `${box.x}px`, top: `${box.y}px`, width: `${box.width}px`, height: `${box.height}px` };
}

// Only real user input drives the overlay: a page script dispatching synthetic events at
// our controls (the shadow root is open) is ignored.
function trusted<E extends Event>(handler: (event: E) => void) {
  return (event: E) => {
    if (event.isTrusted) handler(event);
  };
}

/** The picker overlay: hover outline and label, match outlines, the selection card. */
export function Overlay({ controller, win }: OverlayProps) {
  const [state, setState] = useState<PickerState>(controller.getState());
  useEffect(() => controller.subscribe(setState), [controller]);
  const viewport = { width: win.innerWidth, height: win.innerHeight };
  const { hover, selection, highlight, notice } = state;

  return (
    <div class="root" data-mode={state.mode}>
      {highlight?.boxes.map((box, i) => <div key={`h${i}`} class="box highlight" style={boxStyle(box)} />)}
      {selection?.boxes.map((box, i) => <div key={`m${i}`} class={i === 0 ? 'box match primary' : 'box match'} style={boxStyle(box)} />)}
      {hover && <div class="box hover" style={boxStyle(hover.box)} />}
      {hover && (
        <div class="label" role="status" style={{ left: `${labelPosition(hover.box, viewport).x}px`, top: `${labelPosition(hover.box, viewport).y}px` }}>
          {hover.label}
        </div>
      )}
      {state.mode === 'picking' && (
        <div class={`banner${notice?.kind === 'error' ? ' error' : ''}${isBannerInTheWay(hover?.box) ? ' low' : ''}`} role="status" aria-live="polite">
          <span>{notice?.text ?? 'Click an element'}</span>
          <button type="button" aria-pressed={!!state.frozen} onClick={trusted(() => controller.setFrozen(!state.frozen))}>
            {state.frozen ? 'Thaw page' : 'Freeze page'}
          </button>
          <button type="button" onClick={trusted(() => controller.stop())}>
            Cancel
          </button>
        </div>
      )}
      {state.mode !== 'picking' && state.frozen && (
        <div class="banner frozen" role="status">
          <span>Page frozen: its menus stay open</span>
          <button type="button" onClick={trusted(() => controller.setFrozen(false))}>
            Thaw page
          </button>
        </div>
      )}
      {state.mode === 'selected' && selection && state.purpose === 'target' && (
        <section class="card" aria-label="Picked element">
          <h2>Element picked</h2>
          <p class={selection.count > 0 ? 'count' : 'count none'} data-testid="match-count">
            {selection.count === 1 ? 'Matches 1 element on this page' : `Matches ${selection.count} elements on this page`}
          </p>
          <div class="scope" role="radiogroup" aria-label="Which elements">
            <label>
              <input type="radio" name="scope" checked={selection.scope === 'only'} onChange={trusted(() => controller.setScope('only'))} />
              This element only
            </label>
            <label>
              <input type="radio" name="scope" checked={selection.scope === 'similar'} onChange={trusted(() => controller.setScope('similar'))} />
              All similar
            </label>
          </div>
          <div class="field">
            <label for="tp-selector">Selector</label>
            <input
              id="tp-selector"
              type="text"
              spellcheck={false}
              value={selection.draft}
              aria-invalid={selection.error ? 'true' : 'false'}
              aria-describedby="tp-selector-error"
              onInput={trusted((e: Event) => controller.editSelector((e.currentTarget as HTMLInputElement).value))}
            />
            <span id="tp-selector-error" class="error" role="alert">
              {selection.error ? `Not a valid selector: ${selection.error}` : ''}
            </span>
          </div>
          {selection.explanation && !selection.error && <p class="why">{selection.explanation}</p>}
          {notice && <p class="error">{notice.text}</p>}
          <div class="actions">
            <button type="button" onClick={trusted(() => controller.start('target'))}>
              Pick again
            </button>
            <button type="button" class="primary" onClick={trusted(() => controller.close())}>
              Close
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
