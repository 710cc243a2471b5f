import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge/get-bridge';
import './styles/kiosk.css';

// A long press on a touch screen must not open the browser's context menu on a public kiosk.
window.addEventListener('contextmenu', (event) => event.preventDefault());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <App bridge={getBridge()} />
  </StrictMode>,
);
