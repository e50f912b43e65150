import { render } from 'preact';
import { Popup } from '../../components/popup';
import '../../components/shared/theme.css';

render(<Popup />, document.getElementById('app')!);
