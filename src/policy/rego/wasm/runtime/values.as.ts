// Value layout. Every value is an address whose first byte is its type; the
// order of the type codes is Rego's total order of types.
//
//   null     [type]                          (one static instance)
//   boolean  [type][_3][u32 value]           (two static instances)
//   number   [type][kind u8][_2][u32 textLen][i64 int | u32 textPtr]   (16 bytes)
//   string   [type][_3][u32 len][u32 hash][u32 bytesPtr]               (16 bytes)
//   array    [type][_3][u32 len][u32 cap][u32 elemsPtr]                (16 bytes)
//   object   see table.as.ts; a set is an object whose values are its keys
//
// Address 0 is "undefined" everywhere.

export const T_NULL: u32 = 1;
export const T_BOOLEAN: u32 = 2;
export const T_NUMBER: u32 = 3;
export const T_STRING: u32 = 4;
export const T_ARRAY: u32 = 5;
export const T_OBJECT: u32 = 6;
export const T_SET: u32 = 7;

export const NULL: u32 = <u32>memory.data<u32>([T_NULL, 0]);
export const TRUE: u32 = <u32>memory.data<u32>([T_BOOLEAN, 1]);
export const FALSE: u32 = <u32>memory.data<u32>([T_BOOLEAN, 0]);

// @ts-ignore: decorator
@inline export function typeOf(v: u32): u32 {
  return v == 0 ? 0 : <u32>load<u8>(v);
}

// @ts-ignore: decorator
@inline export function boolValue(b: bool): u32 {
  return b ? TRUE : FALSE;
}

// @ts-ignore: decorator
@inline export function isTrue(v: u32): bool {
  return v == TRUE || (typeOf(v) == T_BOOLEAN && load<u32>(v, 4) != 0);
}
