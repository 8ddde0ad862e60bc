import { opa_abort } from "./env.as";

// Message buffer for aborts, built outside the heap so a full heap can still report.
const MSG_CAP: u32 = 1024;
const msgBuf = memory.data(1024);
let msgLen: u32 = 0;

export function msgReset(): void {
  msgLen = 0;
}

export function msgByte(c: u32): void {
  if (msgLen < MSG_CAP - 1) {
    store<u8>(msgBuf + msgLen, <u8>c);
    msgLen++;
  }
}

/** Appends an ASCII string literal. */
export function msgText(s: string): void {
  const n = s.length;
  for (let i = 0; i < n; i++) msgByte(s.charCodeAt(i));
}

/** Appends raw UTF-8 bytes. */
export function msgBytes(p: u32, n: u32): void {
  for (let i: u32 = 0; i < n; i++) msgByte(load<u8>(p + i));
}

export function msgInt(v: i64): void {
  if (v < 0) {
    msgByte(45);
    v = -v;
  }
  const digits = memory.data(24);
  let n = 0;
  do {
    store<u8>(digits + n, <u8>(48 + <i32>(v % 10)));
    n++;
    v /= 10;
  } while (v > 0);
  while (n > 0) {
    n--;
    msgByte(load<u8>(digits + n));
  }
}

/** Aborts the evaluation with the message built so far: the host's evaluate() throws it. */
export function msgAbort(): void {
  store<u8>(msgBuf + msgLen, 0);
  opa_abort(<u32>msgBuf);
  unreachable();
}

export function fatal(s: string): void {
  msgReset();
  msgText(s);
  msgAbort();
}

/** AssemblyScript's abort hook (bounds checks are off, so only reached on internal bugs). */
export function asAbort(msg: usize, file: usize, line: u32, col: u32): void {
  fatal("internal error in the Wasm runtime");
}
