import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

// The renderer is served both by the web host (http://127.0.0.1:PORT/) and by Electron's
// app:// protocol, so every asset URL is relative.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // Inlined assets would become data: URLs for scripts/styles, which the CSP forbids.
    assetsInlineLimit: 0,
    // Pages: the kiosk (index.html), the lobby screen (lobby.html, docs/lobby-screen.md), and the
    // Turnero server's: the office app (office.html: desk, supervision, administration), the
    // office statistics (statistics.html, docs/statistics.md), the follow page (follow.html) and the
    // booking page (booking.html, docs/booking.md).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./src-renderer/index.html', import.meta.url)),
        lobby: fileURLToPath(new URL('./src-renderer/lobby.html', import.meta.url)),
        statistics: fileURLToPath(new URL('./src-renderer/statistics.html', import.meta.url)),
        // The public follow-your-turn page the server sends phones to (docs/follow.md).
        follow: fileURLToPath(new URL('./src-renderer/follow.html', import.meta.url)),
        office: fileURLToPath(new URL('./src-renderer/office.html', import.meta.url)),
        // The public booking page the server shows at /book (docs/booking.md).
        booking: fileURLToPath(new URL('./src-renderer/booking.html', import.meta.url)),
      },
    },
  },
});
