// smshook capture parser: the error every capture parser throws. No imports, no Node or
// DOM APIs (the playground bundles this file).

/** A capture that cannot be read; `code` is always "invalid_capture". */
export class CaptureError extends Error {
  constructor(message) {
    super(message);
    this.name = "CaptureError";
    this.code = "invalid_capture";
  }
}
