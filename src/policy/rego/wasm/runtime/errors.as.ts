// Evaluation errors. Builtin errors follow the policy's error mode: by default
// (OPA's) they make the call undefined; with strict builtin errors they abort
// the evaluation. Conflicts always abort.
// Builtin errors name the call that raised them, "file:row: " first, as OPA
// prints them: the policy code stores the address of a static "file:row"
// string in rt_call_site before each builtin call that may raise one.
import { msgAbort, msgBytes, msgInt, msgReset, msgText } from "./fatal.as";
import { strLen, strPtr } from "./string.as";
import { T_ARRAY, T_BOOLEAN, T_NULL, T_NUMBER, T_OBJECT, T_SET, T_STRING, typeOf } from "./values.as";

/** Non-zero: builtin errors abort. Patched by the linker. */
export let rt_strict: i32 = 0;

/** The "file:row" string value of the builtin call in flight; 0 when unknown. Set by the policy code. */
export let rt_call_site: u32 = 0;

/** For the host, whose builtins' errors name the call too: the string value of rt_call_site, or 0. */
export function toolgate_call_site(): u32 {
  return rt_call_site;
}

/** Starts a builtin error message: "file:row: " when the call site is known. */
function msgBuiltinError(code: string): void {
  msgReset();
  if (rt_call_site != 0) {
    msgBytes(strPtr(rt_call_site), strLen(rt_call_site));
    msgText(": ");
  }
  msgText(code);
}

export function typeName(v: u32): string {
  switch (typeOf(v)) {
    case T_NULL:
      return "null";
    case T_BOOLEAN:
      return "boolean";
    case T_NUMBER:
      return "number";
    case T_STRING:
      return "string";
    case T_ARRAY:
      return "array";
    case T_OBJECT:
      return "object";
    case T_SET:
      return "set";
  }
  return "undefined";
}

/** "<name>: operand <pos> must be <expected> but got <type>"; returns 0 (undefined) unless strict. */
export function typeError(name: string, pos: i32, expected: string, got: u32): u32 {
  if (rt_strict == 0) return 0;
  msgBuiltinError("eval_type_error: ");
  msgText(name);
  msgText(": operand ");
  msgInt(pos);
  msgText(" must be ");
  msgText(expected);
  msgText(" but got ");
  msgText(typeName(got));
  msgAbort();
  return 0;
}

/** "<name>: operand <pos> <message>" as an eval_type_error; returns 0 (undefined) unless strict. */
export function operandError(name: string, pos: i32, message: string): u32 {
  if (rt_strict == 0) return 0;
  msgBuiltinError("eval_type_error: ");
  msgText(name);
  msgText(": operand ");
  msgInt(pos);
  msgText(" ");
  msgText(message);
  msgAbort();
  return 0;
}

/** An integer operand: a number that is an integer (fitting an i64). */
export function checkIntOperand(name: string, pos: i32, v: u32): bool {
  if (typeOf(v) != T_NUMBER) {
    typeError(name, pos, "number", v);
    return false;
  }
  if (load<u8>(v, 1) != 1) {
    operandError(name, pos, "must be integer number but got floating-point number");
    return false;
  }
  return true;
}

/** "<name>: operand <pos> must be <coll> of <elem>s but got <coll> containing <type>". */
export function elementTypeError(name: string, pos: i32, coll: u32, elem: string, got: u32): u32 {
  if (rt_strict == 0) return 0;
  msgBuiltinError("eval_type_error: ");
  msgText(name);
  msgText(": operand ");
  msgInt(pos);
  msgText(" must be ");
  msgText(typeName(coll));
  msgText(" of ");
  msgText(elem);
  msgText("s but got ");
  msgText(typeName(coll));
  msgText(" containing ");
  msgText(typeName(got));
  msgAbort();
  return 0;
}

/** "<name>: <message>" as an eval_builtin_error; returns 0 (undefined) unless strict. */
export function builtinError(name: string, message: string): u32 {
  if (rt_strict == 0) return 0;
  msgBuiltinError("eval_builtin_error: ");
  msgText(name);
  msgText(": ");
  msgText(message);
  msgAbort();
  return 0;
}

export function conflictError(message: string): void {
  msgReset();
  msgText("eval_conflict_error: ");
  msgText(message);
  msgAbort();
}

/** Aborts with the bytes of a string value (the policy's own error statements). */
export function abortWithBytes(p: u32, n: u32): void {
  msgReset();
  msgBytes(p, n);
  msgAbort();
}
