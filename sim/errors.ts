// The error type and value display live with the validation helpers in strategies/check.ts
// (strategies/ may import nothing of ours); the rest of sim/ takes them from here.
export { InputError, show } from "../strategies/check.ts";
