// json.is_valid, json.unmarshal, json.marshal: the runtime's own JSON, so
// numbers keep their exact text both ways. Text that is not JSON, and objects
// with non-string keys, go to the host implementation (its error messages).
import { FALSE, TRUE, T_ARRAY, T_OBJECT, T_SET, T_STRING, typeOf } from "../values.as";
import { strLen, strPtr, stringCopy } from "../string.as";
import { arrGet, arrLen } from "../array.as";
import { entryAt, tableCount } from "../table.as";
import { jsonParse } from "../json-parse.as";
import { dumpInto } from "../dump.as";
import { bufLen, bufNew, bufPtr } from "../buffer.as";
import { hostCall1 } from "../host-call.as";

export function bi_json_is_valid(v: u32): u32 {
  if (typeOf(v) != T_STRING) return FALSE;
  return jsonParse(strPtr(v), strLen(v)) != 0 ? TRUE : FALSE;
}

export function bi_json_unmarshal(host: i32, v: u32): u32 {
  if (typeOf(v) != T_STRING) return hostCall1(host, v);
  const parsed = jsonParse(strPtr(v), strLen(v));
  return parsed != 0 ? parsed : hostCall1(host, v);
}

/** Whether v has an object key that is not a string anywhere inside. */
function hasNonStringKey(v: u32): bool {
  const t = typeOf(v);
  if (t == T_ARRAY) {
    const n = arrLen(v);
    for (let i: u32 = 0; i < n; i++) if (hasNonStringKey(arrGet(v, i))) return true;
  } else if (t == T_OBJECT || t == T_SET) {
    const n = tableCount(v);
    for (let i: u32 = 0; i < n; i++) {
      const e = entryAt(v, i);
      if (t == T_OBJECT && typeOf(load<u32>(e)) != T_STRING) return true;
      if (hasNonStringKey(load<u32>(e, 4))) return true;
    }
  }
  return false;
}

export function bi_json_marshal(host: i32, v: u32): u32 {
  if (hasNonStringKey(v)) return hostCall1(host, v);
  const b = bufNew(64);
  dumpInto(b, v, false, false, true);
  return stringCopy(bufPtr(b), bufLen(b));
}
