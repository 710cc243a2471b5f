import { useEffect, useState } from 'react';
import { qrPath, type QrPath } from './qr-path';

/**
 * `text` as a QR code (SVG), named by `label` for assistive technology. Until the encoder has
 * loaded, an empty square of the same size keeps the layout still.
 */
export function QrCode(props: { text: string; label: string; className?: string }) {
  const [qr, setQr] = useState<{ text: string; path: QrPath } | null>(null);
  useEffect(() => {
    let current = true;
    void qrPath(props.text).then(
      (path) => {
        if (current) setQr({ text: props.text, path });
      },
      () => undefined, // too long to encode: the text next to it still says everything
    );
    return () => {
      current = false;
    };
  }, [props.text]);

  const path = qr?.text === props.text ? qr.path : null;
  const className = ['qr-code', props.className].filter(Boolean).join(' ');
  return (
    <svg
      className={className}
      role="img"
      aria-label={props.label}
      viewBox={path ? `0 0 ${path.size} ${path.size}` : '0 0 1 1'}
      shapeRendering="crispEdges"
      data-testid="qr-code"
      data-ready={path ? 'true' : 'false'}
    >
      <rect width="100%" height="100%" fill="#ffffff" />
      {path && <path d={path.d} fill="#000000" />}
    </svg>
  );
}
