/**
 * Parameter byte counts of the fixed-length commands the preview does not interpret, so it can
 * step over them (ESC x p1..pn, GS x p1..pn). The commands it does interpret are named in
 * ../escpos/commands.ts.
 */

/** ESC commands. */
export const ESC_PARAMETER_COUNTS: Readonly<Record<number, number>> = {
  0x20: 1, // ESC SP n   right-side character spacing
  0x21: 1, // ESC ! n    print mode
  0x24: 2, // ESC $ nL nH absolute position
  0x25: 1, // ESC % n    user-defined character set
  0x2d: 1, // ESC - n    underline
  0x32: 0, // ESC 2      default line spacing
  0x33: 1, // ESC 3 n    line spacing
  0x3c: 0, // ESC <      return home
  0x3d: 1, // ESC = n    select peripheral
  0x3f: 1, // ESC ? n    cancel user-defined character
  0x40: 0, // ESC @      initialise
  0x42: 2, // ESC B n t  buzzer
  0x45: 1, // ESC E n    bold
  0x47: 1, // ESC G n    double strike
  0x4a: 1, // ESC J n    print and feed n dots
  0x4b: 1, // ESC K n    reverse feed (some models)
  0x4c: 0, // ESC L      page mode
  0x4d: 1, // ESC M n    font
  0x52: 1, // ESC R n    international character set
  0x53: 0, // ESC S      standard mode
  0x54: 1, // ESC T n    print direction (page mode)
  0x55: 1, // ESC U n    unidirectional
  0x56: 1, // ESC V n    rotate 90°
  0x57: 8, // ESC W      print area (page mode)
  0x5c: 2, // ESC \ nL nH relative position
  0x61: 1, // ESC a n    justification
  0x63: 2, // ESC c 3/4/5 n  paper sensors, panel keys
  0x64: 1, // ESC d n    print and feed n lines
  0x65: 1, // ESC e n    print and reverse feed
  0x69: 0, // ESC i      partial cut (legacy)
  0x6d: 0, // ESC m      partial cut (legacy)
  0x70: 3, // ESC p m t1 t2  drawer kick
  0x72: 1, // ESC r n    colour
  0x74: 1, // ESC t n    code table
  0x75: 1, // ESC u n    peripheral status
  0x76: 0, // ESC v      paper status
  0x7b: 1, // ESC { n    upside down
};

/** GS commands. */
export const GS_PARAMETER_COUNTS: Readonly<Record<number, number>> = {
  0x21: 1, // GS ! n     character size
  0x23: 1, // GS # n     NV image select (legacy)
  0x24: 2, // GS $ nL nH vertical position (page mode)
  0x2f: 1, // GS / m     print downloaded bit image
  0x3a: 0, // GS :       macro definition
  0x42: 1, // GS B n     reverse (white on black)
  0x48: 1, // GS H n     HRI position
  0x49: 1, // GS I n     printer ID
  0x4c: 2, // GS L nL nH left margin
  0x50: 2, // GS P x y   motion units
  0x54: 1, // GS T n     print position to line start
  0x57: 2, // GS W nL nH print area width
  0x5c: 2, // GS \ nL nH relative vertical position
  0x5e: 3, // GS ^ r t m macro execute
  0x61: 1, // GS a n     automatic status back
  0x62: 1, // GS b n     smoothing
  0x66: 1, // GS f n     HRI font
  0x68: 1, // GS h n     barcode height
  0x72: 1, // GS r n     transmit status
  0x77: 1, // GS w n     barcode module width
};
