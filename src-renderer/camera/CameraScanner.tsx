import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QrCamera } from './qr-camera';

type CameraStatus = 'starting' | 'scanning' | 'unavailable';

export interface CameraScannerProps {
  /** A decoded QR code's text. */
  onDecode(text: string): void;
  /** Shown instead when there is no camera or it cannot be used. */
  fallback: ReactNode;
  /** Opens the camera; by default the lazily loaded ZXing decoder (tests inject their own). */
  start?: (video: HTMLVideoElement, onText: (text: string) => void) => Promise<QrCamera>;
}

const loadAndStart: NonNullable<CameraScannerProps['start']> = async (video, onText) => {
  const { startQrCamera } = await import('./qr-camera');
  return startQrCamera(video, onText);
};

/**
 * A live camera preview that decodes QR codes. The camera runs only while this is mounted (the
 * home screen), and the preview is decorative: the scan itself is announced by its outcome.
 */
export function CameraScanner(props: CameraScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>('starting');
  const onDecode = useRef(props.onDecode);
  useEffect(() => {
    onDecode.current = props.onDecode;
  });
  const start = props.start ?? loadAndStart;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let camera: QrCamera | null = null;
    let stopped = false;
    start(element, (text) => {
      if (!stopped) onDecode.current(text);
    }).then(
      (opened) => {
        if (stopped) opened.stop();
        else {
          camera = opened;
          setStatus('scanning');
        }
      },
      () => {
        if (!stopped) setStatus('unavailable');
      },
    );
    return () => {
      stopped = true;
      camera?.stop();
    };
  }, [start]);

  if (status === 'unavailable') return <>{props.fallback}</>;
  return (
    <figure className="camera" data-testid="camera" data-status={status}>
      <div className="camera__frame">
        <video ref={video} className="camera__video" muted playsInline aria-hidden="true" />
        <span className="camera__target" aria-hidden="true" />
        {status === 'starting' && <p className="camera__status">{t('ui.home.cameraStarting')}</p>}
      </div>
      <figcaption className="camera__caption">{t('ui.home.camera')}</figcaption>
    </figure>
  );
}
