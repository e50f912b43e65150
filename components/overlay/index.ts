/** The picker overlay (rendered by the picker content script into its shadow root). */
export { Overlay, type OverlayProps } from './Overlay';
export { OVERLAY_CSS } from './styles';
