/** The toolbar popup. */
export { Popup } from './Popup';
