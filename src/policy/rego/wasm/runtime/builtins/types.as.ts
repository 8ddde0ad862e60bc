// is_*, type_name, to_number.
import { FALSE, T_ARRAY, T_BOOLEAN, T_NULL, T_NUMBER, T_OBJECT, T_SET, T_STRING, TRUE, boolValue, typeOf } from "../values.as";
import { numFromText, numInt } from "../number.as";
import { stringFromLiteral, strLen, strPtr } from "../string.as";
import { builtinError, typeError, typeName } from "../errors.as";

export function bi_is_number(v: u32): u32 {
  return boolValue(typeOf(v) == T_NUMBER);
}

export function bi_is_string(v: u32): u32 {
  return boolValue(typeOf(v) == T_STRING);
}

export function bi_is_boolean(v: u32): u32 {
  return boolValue(typeOf(v) == T_BOOLEAN);
}

export function bi_is_array(v: u32): u32 {
  return boolValue(typeOf(v) == T_ARRAY);
}

export function bi_is_set(v: u32): u32 {
  return boolValue(typeOf(v) == T_SET);
}

export function bi_is_object(v: u32): u32 {
  return boolValue(typeOf(v) == T_OBJECT);
}

export function bi_is_null(v: u32): u32 {
  return boolValue(typeOf(v) == T_NULL);
}

export function bi_type_name(v: u32): u32 {
  return stringFromLiteral(typeName(v));
}

export function bi_to_number(v: u32): u32 {
  switch (typeOf(v)) {
    case T_NULL:
      return numInt(0);
    case T_BOOLEAN:
      return numInt(v == TRUE ? 1 : v == FALSE ? 0 : <i64>load<u32>(v, 4));
    case T_NUMBER:
      return v;
    case T_STRING: {
      const n = numFromText(strPtr(v), strLen(v));
      if (n == 0) return builtinError("to_number", "invalid syntax");
      return n;
    }
  }
  return typeError("to_number", 1, "one of {null, boolean, number, string}", v);
}
