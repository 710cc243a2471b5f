/**
 * QR decoding from a camera with ZXing. Imported only dynamically (see CameraScanner), so kiosks
 * without a camera never load the decoder.
 */
import { BrowserQRCodeReader } from '@zxing/browser';

export interface QrCamera {
  stop(): void;
}

/**
 * Opens the camera into `video` and calls `onText` with every QR code decoded. Rejects when there
 * is no camera or it may not be used.
 */
export async function startQrCamera(
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<QrCamera> {
  const reader = new BrowserQRCodeReader(undefined, {
    delayBetweenScanAttempts: 120,
    delayBetweenScanSuccess: 1500,
  });
  const controls = await reader.decodeFromConstraints(
    { audio: false, video: { width: { ideal: 1280 }, height: { ideal: 720 } } },
    video,
    (result) => {
      if (result) onText(result.getText());
    },
  );
  return { stop: () => controls.stop() };
}

/** Decodes the QR code in a still image (a URL the page may load); rejects when there is none. */
export async function decodeQrImage(url: string): Promise<string> {
  const result = await new BrowserQRCodeReader().decodeFromImageUrl(url);
  return result.getText();
}
