/**
 * Whether this kiosk has a camera for QR codes. Off by default. Until the kiosk state carries a
 * technician setting for it, a kiosk opts in with `?camera=1` in the renderer's address.
 */
export function cameraRequested(search: string): boolean {
  return new URLSearchParams(search).get('camera') === '1';
}
