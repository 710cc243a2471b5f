/**
 * Hands the technician a file from the page: text made on the page (a settings export, the
 * statistics' CSV) as a download, or a file the host serves at a one-time address (the log
 * bundle). In a browser it goes to the downloads; in Electron to the save dialog.
 */
import { webHostAddress } from '../bridge/get-bridge';

function follow(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.click();
}

/** `content` saved as `fileName`. */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  follow(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The file at the host's `path` (which names it), with the page's proof of the secret. */
export function downloadFromHost(path: string): void {
  follow(webHostAddress(path, window.location), '');
}
